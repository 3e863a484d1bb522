using System.Text.Json;

namespace Gateway.Tests.Mock;

/// <summary>Failure injection: on demand, the first N requests, a random share; each answered in OpenAI's error shape.</summary>
public sealed class MockFailureTests
{
    [Fact]
    public async Task FailOnText_LastUserMessageHasTheTrigger_FailsWithTheConfiguredStatus()
    {
        using var mock = new MockClient("{fail_on_text: \"#fail\", fail_status: 502}");

        using var failed = await mock.PostAsync("/chat/completions", MockClient.Chat("please #fail now"));
        using var answered = await mock.PostAsync("/chat/completions", MockClient.Chat("please answer"));

        Assert.Equal(502, (int)failed.StatusCode);
        using var error = JsonDocument.Parse(await failed.Content.ReadAsStringAsync());
        var body = error.RootElement.GetProperty("error");
        Assert.Equal("server_error", body.GetProperty("type").GetString());
        Assert.Equal("mock_failure", body.GetProperty("code").GetString());
        Assert.Contains("fail_on_text '#fail'", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (int)answered.StatusCode);
    }

    [Fact]
    public async Task FailOnText_TriggerOnlyInAnEarlierTurn_Answers()
    {
        using var mock = new MockClient("{fail_on_text: \"#fail\"}");
        const string json = """{"model":"m","messages":[{"role":"user","content":"#fail"},{"role":"assistant","content":"sorry"},{"role":"user","content":"again"}]}""";

        using var response = await mock.PostAsync("/chat/completions", json);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task FailOnText_EmbeddingsInputHasTheTrigger_Fails()
    {
        using var mock = new MockClient("{fail_on_text: \"#fail\"}");

        using var response = await mock.PostAsync("/embeddings", """{"model":"e","input":["fine","#fail"]}""");

        Assert.Equal(503, (int)response.StatusCode);
    }

    [Fact]
    public async Task FailFirstN_TheFirstRequestsFail_ThenEveryOneIsAnswered()
    {
        using var mock = new MockClient("{fail_first_n: 2, fail_status: 429}");

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await mock.PostAsync("/chat/completions", MockClient.Chat("hi"));
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([429, 429, 200, 200], statuses);
    }

    [Fact]
    public async Task FailRate_One_EveryRequestFails_AndModelListingStillAnswers()
    {
        using var mock = new MockClient("{fail_rate: 1}");

        using var chat = await mock.PostAsync("/chat/completions", MockClient.Chat("hi"));
        using var embeddings = await mock.PostAsync("/embeddings", """{"model":"e","input":"hi"}""");
        using var models = await mock.GetAsync("/models");

        Assert.Equal(503, (int)chat.StatusCode);
        Assert.Equal(503, (int)embeddings.StatusCode);
        Assert.Contains("fail_rate 1", await chat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)models.StatusCode);
    }

    [Fact]
    public async Task FailStatus4xx_IsReportedAsTheClientsError()
    {
        using var mock = new MockClient("{fail_rate: 1, fail_status: 400}");

        using var response = await mock.PostAsync("/chat/completions", MockClient.Chat("hi"));
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
    }
}
