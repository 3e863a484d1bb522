using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity.Messages;

/// <summary>
/// Prompt caching in Anthropic's terms: what the upstream read from its cache reaches the client as <c>cache_read_input_tokens</c>,
/// outside <c>input_tokens</c> (Anthropic's clients add the two up), whichever backend reported it; an Anthropic backend's usage is its own.
/// </summary>
[Collection(ParityCollection.Name)]
public sealed class MessagesCacheUsageTests(ParityFixture fixture)
{
    /// <summary>The §1.3 answer with 100 of its 150 prompt tokens served from the cache [constructed on the spec's usage object].</summary>
    private const string OpenAiCached = """{"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":"Hi!","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":150,"completion_tokens":5,"total_tokens":155,"prompt_tokens_details":{"cached_tokens":100,"audio_tokens":0}}}""";

    /// <summary>The §3.3 message with the cache counts of the §3.2 <c>Usage</c> [constructed].</summary>
    private const string AnthropicCached = """{"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":20,"cache_creation_input_tokens":30,"cache_read_input_tokens":100,"output_tokens":5}}""";

    [Theory]
    [InlineData("openai")]
    [InlineData("anthropic")]
    public async Task Create_UpstreamReadPartOfThePromptFromItsCache_ClientSeesItAsCacheReadTokens(string backendName)
    {
        var (stub, gateway) = fixture.For(ParityBackend.Named(backendName));
        stub.Enqueue(StubResponse.Json(200, backendName == "openai" ? OpenAiCached : AnthropicCached));

        var seen = await MessagesClient.RunAsync(gateway.Url, MessagesRequests.For(MessagesScenario.PlainText), stream: false);

        Assert.True(seen.ErrorType is null, seen.ErrorMessage);
        Assert.Equal(100, seen.CacheReadInputTokens);
        // Translated: 20 not cached + 30 written to the cache, as Chat Completions has no field for writes. An Anthropic backend's own
        // usage comes back as it sent it.
        Assert.Equal(backendName == "anthropic" ? 20 : 50, seen.InputTokens);
        Assert.Equal(5, seen.OutputTokens);
    }
}
