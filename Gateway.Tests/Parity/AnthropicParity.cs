using Gateway.Backends.Anthropic;
using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>
/// Anthropic Messages (§3): <c>x-api-key</c> + <c>anthropic-version</c>, a required <c>max_tokens</c>, top-level <c>system</c>,
/// content blocks for images, tool use and tool results, named SSE events, <c>stop_reason</c> instead of <c>finish_reason</c>.
/// </summary>
internal sealed class AnthropicParity : ParityBackend
{
    /// <summary>
    /// A non-stream tool-use answer [constructed: the §3.7 verbatim <c>tool_use</c> block in the §3.3 message envelope].
    /// </summary>
    public const string ToolUseMessage = """{"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[{"type":"tool_use","id":"toolu_01D7FLrfh4GYq7yT1ULFeyMV","name":"get_stock_price","input":{"ticker":"^GSPC"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":384,"output_tokens":51}}""";

    /// <summary>What the gateway sends as <c>max_tokens</c> when neither the request nor the config sets a limit.</summary>
    private const int BuiltInMaxTokens = 4096;

    public override string Name => "anthropic";

    public override UpstreamKind Kind => UpstreamKind.Anthropic;

    public override string? ApiKey => "sk-ant-parity";

    public override string Model => "claude-sonnet-4-20250514";

    public override string Section(string stubUrl, string model) => $"""
            base_url: "{stubUrl}"
            api_key: "{ApiKey}"
            models:
              generator: "{model}"
        """;

    public override ParityAnswer Answer(ParityScenario scenario, bool stream) => (scenario, stream) switch
    {
        (ParityScenario.ToolCall, false) => new(
            StubResponse.Json(200, ToolUseMessage),
            new ExpectedView
            {
                ToolCall = new("toolu_01D7FLrfh4GYq7yT1ULFeyMV", "get_stock_price", """{"ticker":"^GSPC"}"""),
                Finish = ChatFinishReason.ToolCalls,
                Usage = (384, 51),
            }),
        (ParityScenario.ToolCall, true) => new(
            StubResponse.Sse(AnthropicPayloads.ToolUseStream),
            new ExpectedView
            {
                Text = "I'll check the current weather in Paris for you.",
                ToolCall = new("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", AnthropicPayloads.ToolUseStreamInput),
                Finish = ChatFinishReason.ToolCalls,
                Usage = (377, 65),
            }),
        (ParityScenario.JsonMode, false) => new(
            StubResponse.Json(200, Fixture.WithField(AnthropicPayloads.Message, "text", AnthropicPayloads.MessageText, OpenAiParity.JsonAnswer)),
            new ExpectedView { Text = OpenAiParity.JsonAnswer, Finish = ChatFinishReason.Stop, Usage = (2095, 503) }),
        (ParityScenario.JsonMode, true) => new(
            StubResponse.Sse(JsonTextStream()),
            new ExpectedView { Text = OpenAiParity.JsonAnswer, Finish = ChatFinishReason.Stop, Usage = (11, 6) }),
        (ParityScenario.LengthFinish, false) => new(
            StubResponse.Json(200, AsMaxTokens(AnthropicPayloads.Message)),
            new ExpectedView { Text = AnthropicPayloads.MessageText, Finish = ChatFinishReason.Length, Usage = (2095, 503) }),
        (ParityScenario.LengthFinish, true) => new(
            StubResponse.Sse(AnthropicPayloads.TextStream.Select(AsMaxTokens)),
            new ExpectedView { Text = AnthropicPayloads.TextStreamContent, Finish = ChatFinishReason.Length, Usage = (11, 6) }),
        (ParityScenario.UpstreamError, _) => new(
            AnthropicPayloads.Unauthorized(),
            new ExpectedView { ErrorStatus = 401, ErrorCode = "invalid_api_key", ErrorPhrase = "invalid x-api-key" }),
        (_, false) => new(
            StubResponse.Json(200, AnthropicPayloads.Message),
            new ExpectedView { Text = AnthropicPayloads.MessageText, Finish = ChatFinishReason.Stop, Usage = (2095, 503) }),
        (_, true) => new(
            StubResponse.Sse(AnthropicPayloads.TextStream),
            new ExpectedView { Text = AnthropicPayloads.TextStreamContent, Finish = ChatFinishReason.Stop, Usage = (11, 6) }),
    };

    /// <summary>The §3.4 text stream up to its first delta, then the verbatim <c>overloaded_error</c> event.</summary>
    public override MidStreamFailure MidStreamFailure() => new(StubResponse.Sse(AnthropicPayloads.TextStreamWithMidStreamError), "Hello", "Overloaded");

    public override void AssertRequest(ParityScenario scenario, bool stream, RecordedRequest request)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal(ApiKey, request.Header("x-api-key"));
        Assert.Equal("2023-06-01", request.Header("anthropic-version"));
        Assert.Null(request.Header("Authorization"));
        var body = request.Json;
        Assert.Equal(Model, body.Text("model"));
        Assert.Equal(stream, body.TryGetProperty("stream", out var flag) && flag.GetBoolean());
        Assert.Equal(scenario == ParityScenario.LengthFinish ? 1 : BuiltInMaxTokens, body.At("max_tokens").GetInt32());
        Assert.False(body.Has("stream_options"));
        Assert.False(body.Has("response_format"));

        var messages = body.At("messages");
        switch (scenario)
        {
            case ParityScenario.PlainText or ParityScenario.UpstreamError:
                Assert.Equal(ParityRequests.SystemPrompt, body.Text("system"));
                Assert.Equal(1, messages.GetArrayLength());
                Assert.Equal("user", messages.Text(0, "role"));
                Assert.Equal("text", messages.Text(0, "content", 0, "type"));
                Assert.Equal(ParityRequests.Question, messages.Text(0, "content", 0, "text"));
                break;
            case ParityScenario.ToolCall:
                var tool = body.At("tools", 0);
                Assert.Equal(ParityRequests.ToolName, tool.Text("name"));
                Assert.Equal(ParityRequests.ToolDescription, tool.Text("description"));
                JsonAssert.SameJson(ParityRequests.ToolParameters, tool.At("input_schema").GetRawText());
                Assert.False(tool.Has("function"));
                Assert.Equal("auto", body.Text("tool_choice", "type"));
                break;
            case ParityScenario.ToolResultRoundTrip:
                Assert.Equal(3, messages.GetArrayLength());
                Assert.Equal("assistant", messages.Text(1, "role"));
                var toolUse = messages.At(1, "content", 0);
                Assert.Equal("tool_use", toolUse.Text("type"));
                Assert.Equal(ParityRequests.CallId, toolUse.Text("id"));
                Assert.Equal(ParityRequests.ToolName, toolUse.Text("name"));
                JsonAssert.SameJson(ParityRequests.CallArguments, toolUse.At("input").GetRawText());
                Assert.Equal("user", messages.Text(2, "role"));
                var result = messages.At(2, "content", 0);
                Assert.Equal("tool_result", result.Text("type"));
                Assert.Equal(ParityRequests.CallId, result.Text("tool_use_id"));
                Assert.Equal(ParityRequests.ToolResult, result.Text("content"));
                break;
            case ParityScenario.ImageInput:
                Assert.Equal(ParityRequests.ImageQuestion, messages.Text(0, "content", 0, "text"));
                var source = messages.At(0, "content", 1, "source");
                Assert.Equal("image", messages.Text(0, "content", 1, "type"));
                Assert.Equal("base64", source.Text("type"));
                Assert.Equal("image/png", source.Text("media_type"));
                Assert.Equal(ParityRequests.PngBase64, source.Text("data"));
                break;
            case ParityScenario.JsonMode:
                Assert.Equal($"Answer in JSON.\n\n{AnthropicSystemPrompt.JsonObjectInstruction}", body.Text("system"));
                break;
            case ParityScenario.LengthFinish:
                Assert.Equal(ParityRequests.StopSequence, body.Text("stop_sequences", 0));
                Assert.False(body.Has("stop"));
                break;
        }
    }

    private static string AsMaxTokens(string payload) =>
        payload.Replace("\"stop_reason\":\"end_turn\"", "\"stop_reason\":\"max_tokens\"", StringComparison.Ordinal);

    /// <summary><see cref="AnthropicPayloads.TextStream"/> with its three text deltas spelling the JSON answer [constructed].</summary>
    private static IEnumerable<string> JsonTextStream() =>
        Fixture.WithField(
            Fixture.WithField(Fixture.WithField(AnthropicPayloads.TextStream, "text", "Hello", """{"greeting":"""), "text", " there", "\"Hello"),
            "text",
            "!",
            "!\"}");
}
