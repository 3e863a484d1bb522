using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Backends.Anthropic;
using Gateway.Resilience;
using Microsoft.Extensions.Logging;
using static Gateway.Tests.Backends.Anthropic.AnthropicTestKit;

namespace Gateway.Tests.Backends.Anthropic;

/// <summary>Non-streamed Messages answers read back as OpenAI <c>chat.completion</c>s.</summary>
public sealed class AnthropicCompletionTests
{
    /// <summary>Verbatim, wire-formats §3.3.</summary>
    private const string HelloAnswer =
        """{"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"text","text":"Hi! My name is Claude."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":2095,"output_tokens":503}}""";

    private const string ToolUseAnswer = """
        {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
         "content":[
           {"type":"thinking","thinking":"The user wants a stock price.","signature":"EqQBCgIYAhIM"},
           {"type":"text","text":"Let me look that up."},
           {"type":"tool_use","id":"toolu_01D7FLrfh4GYq7yT1ULFeyMV","name":"get_stock_price","input":{"ticker":"^GSPC"}}
         ],
         "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":120,"output_tokens":40}}
        """;

    [Fact]
    public async Task ReadChatCompletionAsync_DocumentedAnswer_BecomesChatCompletion()
    {
        var completion = await ReadAsync(HelloAnswer);

        var json = Json(completion.Json);
        Assert.Equal("msg_013Zva2CMHLNnXjNJJKqJ2EF", json.GetProperty("id").GetString());
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.Equal(Now.ToUnixTimeSeconds(), json.GetProperty("created").GetInt64());
        Assert.Equal("claude-sonnet-4-20250514", json.GetProperty("model").GetString());
        var choice = json.GetProperty("choices")[0];
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("Hi! My name is Claude.", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = json.GetProperty("usage");
        Assert.Equal(2095, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(503, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(2598, usage.GetProperty("total_tokens").GetInt32());

        Assert.Equal("claude-sonnet-4-20250514", completion.Model);
        Assert.Equal(new Usage(2095, 503), completion.Usage);
        Assert.Equal("stop", completion.FinishReason);
    }

    [Fact]
    public async Task ReadChatCompletionAsync_ToolUseAnswer_BecomesToolCallsWithArgumentsAsJsonString()
    {
        var completion = await ReadAsync(ToolUseAnswer);

        var message = Json(completion.Json).GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("Let me look that up.", message.GetProperty("content").GetString());
        var call = message.GetProperty("tool_calls")[0];
        Assert.Equal("toolu_01D7FLrfh4GYq7yT1ULFeyMV", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_stock_price", call.GetProperty("function").GetProperty("name").GetString());
        var arguments = call.GetProperty("function").GetProperty("arguments");
        Assert.Equal(JsonValueKind.String, arguments.ValueKind);
        using var parsed = JsonDocument.Parse(arguments.GetString()!);
        Assert.Equal("^GSPC", parsed.RootElement.GetProperty("ticker").GetString());
        Assert.Equal("tool_calls", completion.FinishReason);
    }

    [Fact]
    public async Task ReadChatCompletionAsync_ToolUseAnswer_OpenAiSdkReadsTheToolCall()
    {
        var completion = await ReadAsync(ToolUseAnswer);

        var parsed = ModelReaderWriter.Read<global::OpenAI.Chat.ChatCompletion>(BinaryData.FromBytes(completion.Json))!;

        Assert.Equal(global::OpenAI.Chat.ChatFinishReason.ToolCalls, parsed.FinishReason);
        var call = Assert.Single(parsed.ToolCalls);
        Assert.Equal("toolu_01D7FLrfh4GYq7yT1ULFeyMV", call.Id);
        Assert.Equal("get_stock_price", call.FunctionName);
        Assert.Equal("""{"ticker":"^GSPC"}""", call.FunctionArguments.ToString());
    }

    [Fact]
    public async Task ReadChatCompletionAsync_ThinkingBlock_IsNotPartOfTheContent()
    {
        var completion = await ReadAsync(ToolUseAnswer);

        var content = Json(completion.Json).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.DoesNotContain("stock price.", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChatCompletionAsync_SeveralTextBlocks_ContentIsTheirConcatenation()
    {
        var completion = await ReadAsync(Answer("""[{"type":"text","text":"One, "},{"type":"text","text":"two."}]""", "end_turn"));

        Assert.Equal("One, two.", Json(completion.Json).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    public async Task ReadChatCompletionAsync_StopReason_MapsToFinishReason(string stopReason, string expected)
    {
        var logger = new ListLogger<AnthropicProtocol>();

        var completion = await ReadAsync(Answer("""[{"type":"text","text":"x"}]""", stopReason), logger);

        Assert.Equal(expected, completion.FinishReason);
        Assert.Equal(expected, Json(completion.Json).GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task ReadChatCompletionAsync_UnknownStopReason_AnswersStopAndLogsTheRawValue()
    {
        var logger = new ListLogger<AnthropicProtocol>();

        var completion = await ReadAsync(Answer("""[{"type":"text","text":"x"}]""", "took_a_nap"), logger);

        Assert.Equal("stop", completion.FinishReason);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("took_a_nap", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChatCompletionAsync_CacheTokens_CountAsPromptTokens()
    {
        var completion = await ReadAsync("""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"text","text":"ok"}],
             "stop_reason":"end_turn","usage":{"input_tokens":10,"cache_creation_input_tokens":200,"cache_read_input_tokens":3000,"output_tokens":7}}
            """);

        Assert.Equal(new Usage(3210, 7), completion.Usage);
        Assert.Equal(3217, Json(completion.Json).GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Theory]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")]
    [InlineData("""{"id":"msg_1","type":"message","content":[{"type":"text","te""", "application/json")]
    [InlineData("""{"object":"chat.completion","choices":[]}""", "application/json")]
    [InlineData("""{"id":"msg_1","type":"message","content":["just a string"],"stop_reason":"end_turn"}""", "application/json")]
    public async Task ReadChatCompletionAsync_BodyThatIsNotAMessage_IsProtocolFailure(string body, string mediaType)
    {
        using var request = Request(Chat());
        using var response = Response(HttpStatusCode.OK, body, mediaType);

        var outcome = await Protocol().ReadChatCompletionAsync(response, request, Candidate(), CancellationToken.None);

        Assert.False(outcome.IsSuccess);
        Assert.Equal(FailureKind.Protocol, outcome.Failure!.Kind);
        Assert.True(FailureClass.CountsAgainstEndpoint(outcome.Failure)); // not retried, but the plan moves on
    }

    [Fact]
    public async Task ReadChatCompletionAsync_HtmlPage_FailureNamesItAsHtml()
    {
        using var request = Request(Chat());
        using var response = Response(HttpStatusCode.OK, "<!DOCTYPE html><html>captive portal</html>", "text/html");

        var outcome = await Protocol().ReadChatCompletionAsync(response, request, Candidate(), CancellationToken.None);

        Assert.Contains("HTML", outcome.Failure!.Message, StringComparison.Ordinal);
    }

    private static string Answer(string content, string stopReason) =>
        $$$"""{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":{{{content}}},"stop_reason":"{{{stopReason}}}","usage":{"input_tokens":1,"output_tokens":1}}""";

    private static async Task<ChatCompletion> ReadAsync(string body, ListLogger<AnthropicProtocol>? logger = null)
    {
        using var request = Request(Chat());
        using var response = Response(HttpStatusCode.OK, body);

        var outcome = await Protocol(logger).ReadChatCompletionAsync(response, request, Candidate(), CancellationToken.None);

        Assert.True(outcome.IsSuccess, outcome.Failure?.Message);
        return outcome.Value!;
    }
}
