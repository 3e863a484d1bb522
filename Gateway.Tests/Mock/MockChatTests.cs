using System.Text.Json;

namespace Gateway.Tests.Mock;

/// <summary>The mock's chat answers: OpenAI's shapes, deterministic text, token limits and streaming.</summary>
public sealed class MockChatTests
{
    private const string Greeting = "Hello from the gateway's mock backend 'mock' (model mock-chat). You wrote: Hi there";

    [Fact]
    public async Task Chat_Plain_AnswersAChatCompletionQuotingTheLastUserMessage()
    {
        using var mock = new MockClient();

        using var response = await mock.PostAsync("/chat/completions", MockClient.Chat("Hi there"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = body.RootElement;
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.StartsWith("chatcmpl-", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("mock-chat", root.GetProperty("model").GetString());
        var choice = root.GetProperty("choices")[0];
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal(Greeting, choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = root.GetProperty("usage");
        Assert.Equal(4, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(Greeting.Split(' ').Length, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(4 + Greeting.Split(' ').Length, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Chat_SameRequestTwice_SameText()
    {
        using var mock = new MockClient();

        var first = await ContentOf(await mock.PostAsync("/chat/completions", MockClient.Chat("Same question")));
        var second = await ContentOf(await mock.PostAsync("/chat/completions", MockClient.Chat("Same question")));
        var other = await ContentOf(await mock.PostAsync("/chat/completions", MockClient.Chat("Another question")));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Chat_ConfiguredReply_IsTheAnswer()
    {
        using var mock = new MockClient("{reply: \"Canned answer.\"}");

        Assert.Equal("Canned answer.", await ContentOf(await mock.PostAsync("/chat/completions", MockClient.Chat("Hi there"))));
    }

    [Fact]
    public async Task Chat_MaxTokensBelowTheAnswer_CutsItWithFinishReasonLength()
    {
        using var mock = new MockClient();

        using var response = await mock.PostAsync("/chat/completions", MockClient.Chat("Hi there", ",\"max_tokens\":3"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var choice = body.RootElement.GetProperty("choices")[0];
        Assert.Equal("Hello from the", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Chat_Stream_SendsRoleThenOneChunkPerWordThenFinishUsageAndDone()
    {
        using var mock = new MockClient();

        using var response = await mock.PostAsync("/chat/completions", MockClient.Chat("Hi there", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        var events = MockClient.Events(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events.SkipLast(1).Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        var words = chunks.Skip(1).Take(chunks.Count - 3).Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()).ToList();
        Assert.Equal(Greeting.Split(' ').Length, words.Count);
        Assert.Equal(Greeting, string.Concat(words));
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(words.Count, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Chat_StreamWithoutIncludeUsage_HasNoUsageChunk()
    {
        using var mock = new MockClient();

        using var response = await mock.PostAsync("/chat/completions", MockClient.Chat("Hi there", ",\"stream\":true"));
        var events = MockClient.Events(await response.Content.ReadAsStringAsync());

        Assert.Equal("[DONE]", events[^1]);
        Assert.All(events.SkipLast(1), e => Assert.False(JsonDocument.Parse(e).RootElement.TryGetProperty("usage", out _)));
        Assert.Equal("stop", JsonDocument.Parse(events[^2]).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task Chat_MessageWithContentParts_QuotesTheirText()
    {
        using var mock = new MockClient("{reply: null}");
        const string json = """{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"Describe"},{"type":"text","text":"this"}]}]}""";

        var text = await ContentOf(await mock.PostAsync("/chat/completions", json));

        Assert.EndsWith("You wrote: Describe this", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_BodyNotJson_400InOpenAiShape()
    {
        using var mock = new MockClient();

        using var response = await mock.PostAsync("/chat/completions", "{not json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task UnknownPath_404SayingWhatIsServed()
    {
        using var mock = new MockClient();

        using var response = await mock.PostAsync("/completions", "{}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Contains("POST /chat/completions, POST /embeddings and GET /models", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_ListsTheSectionsModelsOwnedByMock()
    {
        using var mock = new MockClient("{models: {generator: mock-chat, triage: mock-mini}, embedding_model: mock-embedding}");

        using var response = await mock.GetAsync("/models");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var data = body.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["mock-chat", "mock-mini", "mock-embedding"], data.Select(m => m.GetProperty("id").GetString()));
        Assert.All(data, m => Assert.Equal("mock", m.GetProperty("owned_by").GetString()));
    }

    private static async Task<string?> ContentOf(HttpResponseMessage response)
    {
        using (response)
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        }
    }
}
