using System.Text;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Surfaces.Anthropic;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Http;
using static Gateway.Tests.Surfaces.Anthropic.EncodedStream;

namespace Gateway.Tests.Surfaces.Anthropic;

public sealed class AnthropicMessagesSurfaceTests
{
    [Fact]
    public async Task WriteAnswer_OpenAiTextCompletion_AnthropicMessage()
    {
        var message = await AnswerAsync(Completion(OpenAiPayloads.ChatCompletion));

        Assert.Equal(
            """{"id":"msg_B9MBs8CjcvOU2jLn4n570S5qMJKcT","type":"message","role":"assistant","model":"gpt-5.4","content":[{"type":"text","text":"Hello! How can I assist you today?"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":19,"cache_read_input_tokens":0,"output_tokens":10}}""",
            message.GetRawText());
    }

    [Fact]
    public async Task WriteAnswer_ToolCall_ToolUseBlockWithParsedInput()
    {
        var message = await AnswerAsync(Completion(OpenAiPayloads.ToolCallCompletion));

        var block = Assert.Single(message.GetProperty("content").EnumerateArray());
        Assert.Equal("""{"type":"tool_use","id":"call_abc123","name":"get_current_weather","caller":{"type":"direct"},"input":{"location":"Boston, MA"}}""", block.GetRawText());
        Assert.Equal("tool_use", message.GetProperty("stop_reason").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"location\": \"Bos")]
    [InlineData("[1,2]")]
    public async Task WriteAnswer_ArgumentsEmptyOrNotAnObject_InputIsEmptyObject(string arguments)
    {
        var json = OpenAiCompletionWriter.Write("chatcmpl-x", 1, "gpt-4o", null, [new ToolCall("call_1", "lookup", arguments)], "length", new Usage(5, 4));

        var message = await AnswerAsync(Completion(json));

        var block = Assert.Single(message.GetProperty("content").EnumerateArray());
        Assert.Equal("{}", block.GetProperty("input").GetRawText());
        Assert.Equal("max_tokens", message.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task WriteAnswer_ReasoningAndText_ThinkingBlockFirst()
    {
        const string json = """{"id":"chatcmpl-r","object":"chat.completion","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"message":{"role":"assistant","content":"42.","reasoning_content":"Six times seven."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":9,"total_tokens":21}}""";

        var message = await AnswerAsync(Completion(json));

        Assert.Equal(
            """[{"type":"thinking","thinking":"Six times seven.","signature":""},{"type":"text","text":"42."}]""",
            message.GetProperty("content").GetRawText());
    }

    [Theory]
    [InlineData("content_filter", "refusal")]
    [InlineData("length", "max_tokens")]
    [InlineData("stop", "end_turn")]
    [InlineData("something_new", "end_turn")]
    public async Task WriteAnswer_FinishReason_MappedStopReason(string finishReason, string stopReason)
    {
        var json = OpenAiCompletionWriter.Write("chatcmpl-x", 1, "gpt-4o", "text", [], finishReason, new Usage(1, 1));

        var message = await AnswerAsync(Completion(json));

        Assert.Equal(stopReason, message.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task WriteAnswer_ToolCallsButFinishStop_StopsWithToolUse()
    {
        var json = OpenAiCompletionWriter.Write("chatcmpl-x", 1, "llama3", null, [new ToolCall("call_1", "lookup", "{}")], "stop", new Usage(1, 1));

        var message = await AnswerAsync(Completion(json));

        Assert.Equal("tool_use", message.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task WriteAnswer_NoUsage_EstimatedFromBodyAndGeneratedText()
    {
        var json = OpenAiCompletionWriter.Write("chatcmpl-x", 1, "gpt-4o", "Hello there", [], "stop", null);
        var completion = new ChatCompletion(json, "gpt-4o", null, "stop", GeneratedCharacters: 11);

        var message = await AnswerAsync(completion, requestBytes: 400);

        Assert.Equal("""{"input_tokens":100,"output_tokens":3}""", message.GetProperty("usage").GetRawText());
    }

    [Fact]
    public async Task WriteAnswer_NotACompletion_AnthropicErrorNot500()
    {
        var context = Context();

        await new AnthropicMessagesSurface(Redactor()).WriteAnswerAsync(context.Response, Completion("<html>oops</html>"), CancellationToken.None);

        Assert.Equal(502, context.Response.StatusCode);
        var body = Body(context);
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("api_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task WriteError_MessageQuotingAKey_AnthropicShapeRedacted()
    {
        var context = Context();

        await new AnthropicMessagesSurface(Redactor()).WriteErrorAsync(context.Response, new ApiError(429, $"Rate limited for key {Secret}") { RetryAfter = TimeSpan.FromSeconds(3) });

        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("3", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("""{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited for key [redacted]"}}""", Body(context).GetRawText());
    }

    [Fact]
    public void StartStream_TwoStreams_EventStreamHeadersAndAnEncoderEach()
    {
        var surface = new AnthropicMessagesSurface(Redactor());
        var first = Context();
        var second = Context();

        var a = surface.StartStream(first.Response);
        var b = surface.StartStream(second.Response);

        Assert.NotSame(a, b);
        Assert.NotSame(surface, a);
        Assert.Equal("anthropic_messages", surface.Name);
        Assert.Equal(200, first.Response.StatusCode);
        Assert.Equal("text/event-stream", first.Response.ContentType);
        Assert.Equal("no-cache", first.Response.Headers.CacheControl.ToString());
        Assert.Equal("no", first.Response.Headers["X-Accel-Buffering"].ToString());
    }

    private static ChatCompletion Completion(string json) => Completion(Encoding.UTF8.GetBytes(json));

    private static ChatCompletion Completion(byte[] json) => new(json, null, null, null, 0);

    private static DefaultHttpContext Context(long? requestBytes = null)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentLength = requestBytes;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<JsonElement> AnswerAsync(ChatCompletion completion, long? requestBytes = null)
    {
        var context = Context(requestBytes);
        await new AnthropicMessagesSurface(Redactor()).WriteAnswerAsync(context.Response, completion, CancellationToken.None);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        return Body(context);
    }

    private static JsonElement Body(DefaultHttpContext context) =>
        JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray()).RootElement.Clone();
}
