using Gateway.Backends;
using Gateway.Backends.Anthropic;
using Gateway.Backends.Mock;
using Gateway.Backends.Ollama;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Backends.WireTestKit;

namespace Gateway.Tests.Backends;

/// <summary>
/// Every adapter counts the text the model generated as it decodes the answer (content, reasoning, tool-call arguments, in decoded
/// characters), whole or streamed: the gateway's usage estimate for an upstream that reports no usage starts here.
/// </summary>
public sealed class GeneratedTextTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task OpenAi_WholeAnswer_CountsContentReasoningAndArgumentsOfEveryChoice()
    {
        const string body = """
            {"id":"chatcmpl-1","object":"chat.completion","model":"qwen3","choices":[
             {"index":0,"message":{"role":"assistant","reasoning_content":"think","content":"a\nb","refusal":null},"finish_reason":"stop"},
             {"index":1,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]},"finish_reason":"tool_calls"}]}
            """;
        using var request = Chat("""{"model":"qwen3","messages":[]}""");
        using var response = Answer(body);

        var completion = (await new OpenAiCompatibleProtocol(Clock).ReadChatCompletionAsync(response, request, LmStudioCandidate, CancellationToken.None)).Value!;

        Assert.Null(completion.Usage);
        Assert.Equal("think".Length + "a\nb".Length + """{"city":"Oslo"}""".Length, completion.GeneratedCharacters);
    }

    [Fact]
    public async Task OpenAi_Stream_EachChunkCarriesTheTextOfItsDelta()
    {
        var sse = string.Concat(
            """data: {"id":"c","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}""", "\n\n",
            """data: {"id":"c","choices":[{"index":0,"delta":{"content":"Hel\"lo"}}]}""", "\n\n",
            """data: {"id":"c","choices":[{"index":0,"delta":{"content":" w\u00f6rld"}}]}""", "\n\n",
            """data: {"id":"c","choices":[{"index":0,"delta":{"reasoning_content":"hm","tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}}]}""", "\n\n",
            """data: {"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""", "\n\n",
            "data: [DONE]\n\n");
        using var request = Chat("""{"model":"qwen3","stream":true,"messages":[]}""");
        using var response = Answer(sse, "text/event-stream");

        var chunks = await CollectAsync(new OpenAiCompatibleProtocol(Clock).ReadChatStreamAsync(response, request, LmStudioCandidate, CancellationToken.None));

        Assert.Equal([0, 6, 6, 4, 0], chunks.Select(c => c.GeneratedCharacters));
        Assert.All(chunks, c => Assert.Null(c.Usage));
    }

    [Fact]
    public async Task OpenAi_StreamSplittingASurrogatePairAcrossChunks_CountedAndForwardedUnbroken()
    {
        var sse = string.Concat(
            """data: {"id":"c","choices":[{"index":0,"delta":{"content":"hi \ud83d"}}]}""", "\n\n",
            """data: {"id":"c","choices":[{"index":0,"delta":{"content":"\ude00 ✓"}}]}""", "\n\n",
            "data: [DONE]\n\n");
        using var request = Chat("""{"model":"qwen3","stream":true,"messages":[]}""");
        using var response = Answer(sse, "text/event-stream");

        var chunks = await CollectAsync(new OpenAiCompatibleProtocol(Clock).ReadChatStreamAsync(response, request, LmStudioCandidate, CancellationToken.None));

        Assert.All(chunks, c => Assert.Null(c.Failure));
        Assert.Equal([4, 3], chunks.Select(c => c.GeneratedCharacters));
    }

    [Fact]
    public async Task Ollama_WholeAnswerWithoutCounts_NoUsageAndTheDecodedTextCounted()
    {
        const string body = """
            {"model":"llama3.2","created_at":"2025-07-07T20:32:53Z","message":{"role":"assistant","content":"Hi there","tool_calls":[{"function":{"name":"f","arguments":{"x":1}}}]},"done_reason":"stop","done":true}
            """;
        using var request = Chat("""{"model":"m","messages":[]}""");
        using var response = Answer(body);

        var completion = (await new OllamaProtocol(Clock).ReadChatCompletionAsync(response, request, OllamaCandidate, CancellationToken.None)).Value!;

        Assert.Null(completion.Usage);
        Assert.Equal("Hi there".Length + """{"x":1}""".Length, completion.GeneratedCharacters);
    }

    [Fact]
    public async Task Ollama_Stream_ContentAndToolCallChunksCarryTheirText()
    {
        const string ndjson = """
            {"model":"llama3.2","created_at":"2025-07-07T20:32:53Z","message":{"role":"assistant","content":"Hel"},"done":false}
            {"model":"llama3.2","created_at":"2025-07-07T20:32:53Z","message":{"role":"assistant","content":"lo!"},"done":false}
            {"model":"llama3.2","created_at":"2025-07-07T20:32:53Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":{"x":1}}}]},"done":false}
            {"model":"llama3.2","created_at":"2025-07-07T20:32:53Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"prompt_eval_count":3,"eval_count":4}

            """;
        using var request = Chat("""{"model":"m","stream":true,"messages":[]}""");
        using var response = Answer(ndjson, "application/x-ndjson");

        var chunks = await CollectAsync(new OllamaProtocol(Clock).ReadChatStreamAsync(response, request, OllamaCandidate, CancellationToken.None));

        Assert.Equal(3 + 3 + """{"x":1}""".Length, chunks.Sum(c => c.GeneratedCharacters));
        Assert.Equal([0, 3, 3, 7, 0, 0], chunks.Select(c => c.GeneratedCharacters));
    }

    [Fact]
    public async Task Anthropic_WholeAnswer_CountsTextBlocksAndToolInput()
    {
        const string body = """
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022","content":[
             {"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Oslo"}}],
             "stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":20}}
            """;
        using var request = Anthropic.AnthropicTestKit.Request(Anthropic.AnthropicTestKit.Chat());
        using var response = Answer(body);

        var completion = (await Anthropic.AnthropicTestKit.Protocol().ReadChatCompletionAsync(response, request, Anthropic.AnthropicTestKit.Candidate(), CancellationToken.None)).Value!;

        Assert.Equal("Checking.".Length + """{"city":"Oslo"}""".Length, completion.GeneratedCharacters);
    }

    [Fact]
    public async Task Anthropic_Stream_TextAndInputJsonDeltasCarryTheirText()
    {
        var sse = string.Concat(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n",
            "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{}}}\n\n",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"x\\\":1}\"}}\n\n",
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}\n\n",
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

        var chunks = await Anthropic.AnthropicTestKit.ReadStreamAsync(sse);

        Assert.Equal("Hello".Length + """{"x":1}""".Length, chunks.Sum(c => c.GeneratedCharacters));
    }

    [Fact]
    public async Task Mock_StreamedAnswer_CountsWhatItsReplySpells()
    {
        var backend = Backend(BackendKind.Mock) with { Mock = new MockSettings { Reply = "One two three" } };
        var candidate = Candidate(backend, "mock-model", "http://mock.invalid/v1");
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
        var protocol = new MockProtocol(Clock);
        using var http = new HttpClient(new MockHandler(Clock));
        using var upstream = protocol.CreateChatRequest(request, candidate);
        using var response = await http.SendAsync(upstream, HttpCompletionOption.ResponseHeadersRead);

        var chunks = await CollectAsync(protocol.ReadChatStreamAsync(response, request, candidate, CancellationToken.None));

        Assert.Equal("One two three".Length, chunks.Sum(c => c.GeneratedCharacters));
    }

    private static Gateway.Routing.Candidate LmStudioCandidate => Candidate(Backend(BackendKind.LMStudio), "qwen3", "http://127.0.0.1:1234/v1");

    private static Gateway.Routing.Candidate OllamaCandidate => Candidate(Backend(BackendKind.Ollama), "llama3.2", "http://127.0.0.1:11434");
}
