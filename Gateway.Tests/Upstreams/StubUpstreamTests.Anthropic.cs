using System.Net;

namespace Gateway.Tests.Upstreams;

public sealed partial class StubUpstreamTests
{
    private const string AnthropicMessages = """{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello, world"}]}""";

    private static readonly (string Name, string Value)[] AnthropicHeaders = [("x-api-key", "ant-key"), ("anthropic-version", "2023-06-01")];

    [Fact]
    public async Task Anthropic_MessagesWithoutStream_AnswersTheFixtureEchoingTheModel()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        stub.ExpectedApiKey = "ant-key";

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/messages", AnthropicMessages, AnthropicHeaders);
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AnthropicPayloads.RequestId, response.Headers.GetValues("request-id").Single());
        Assert.Equal("claude-sonnet-4-5", body.GetProperty("model").GetString());
        Assert.Equal(AnthropicPayloads.MessageText, body.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("end_turn", body.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task Anthropic_MessagesStream_SendsNamedEventsWithPingAndNoDone()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/messages", """{"stream":true,"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[]}""", AnthropicHeaders);
        var events = await UpstreamClient.ReadRawEventsAsync(response);
        var names = events.Select(raw => raw.Split('\n')[0]);
        var data = UpstreamClient.DataOf(events);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            ["message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            names.Select(name => name["event: ".Length..]));
        Assert.DoesNotContain(RawSse.Done, events);
        Assert.Equal("claude-sonnet-4-5", data[0].GetProperty("message").GetProperty("model").GetString());
        Assert.Equal(
            AnthropicPayloads.TextStreamContent,
            string.Concat(data.Where(e => e.GetProperty("type").GetString() == "content_block_delta").Select(e => e.GetProperty("delta").GetProperty("text").GetString())));
    }

    [Theory]
    [InlineData(null, AnthropicPayloads.MissingApiKeyError)]
    [InlineData("other-key", AnthropicPayloads.InvalidApiKeyError)]
    public async Task Anthropic_ApiKeyMissingOrWrong_Answers401(string? apiKey, string expectedBody)
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        stub.ExpectedApiKey = "ant-key";
        (string, string)[] headers = apiKey is null ? [("anthropic-version", "2023-06-01")] : [("x-api-key", apiKey), ("anthropic-version", "2023-06-01")];

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/messages", AnthropicMessages, headers);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(expectedBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anthropic_VersionHeaderMissing_Answers400()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/messages", AnthropicMessages, ("x-api-key", "k"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(AnthropicPayloads.MissingVersionError, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anthropic_UnknownVersion_Answers400NamingIt()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/messages", AnthropicMessages, ("anthropic-version", "2024-10-22"));
        var error = (await UpstreamClient.ReadJsonAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("anthropic-version: \"2024-10-22\" is not a valid version", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Anthropic_MaxTokensMissing_Answers400()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/messages", """{"model":"claude-sonnet-4-5","messages":[]}""", AnthropicHeaders);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(AnthropicPayloads.MissingMaxTokensError, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Anthropic_ModelOutsideKnownModels_Answers404NotFoundError()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        stub.KnownModels = ["claude-opus-4-1"];

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/messages", AnthropicMessages, AnthropicHeaders);
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("not_found_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("model: claude-sonnet-4-5", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Anthropic_Models_AnswersThePage()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);

        using var response = await UpstreamClient.GetAsync(stub.Url + "/v1/models", AnthropicHeaders);
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.False(body.GetProperty("has_more").GetBoolean());
        Assert.Equal("claude-sonnet-4-20250514", body.GetProperty("data")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Anthropic_UnknownRoute_Answers404InAnthropicsErrorShape()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", "{}", AnthropicHeaders);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AnthropicPayloads.NotFoundError, await response.Content.ReadAsStringAsync());
    }
}
