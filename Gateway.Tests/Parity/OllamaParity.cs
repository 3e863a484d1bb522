using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>
/// Ollama's native API (§4): <c>/api/chat</c> with an explicit <c>stream</c>, sampling in <c>options</c>, base64 <c>images</c>,
/// <c>format</c>, whole tool calls with object arguments and no ids, tool results naming the tool, NDJSON streams.
/// </summary>
internal sealed class OllamaParity : ParityBackend
{
    public override string Name => "ollama";

    public override UpstreamKind Kind => UpstreamKind.Ollama;

    public override string? ApiKey => null;

    public override string Model => "llama3.2";

    public override string Section(string stubUrl, string model) => $"""
            base_url: "{stubUrl}"
            models:
              generator: "{model}"
        """;

    public override ParityAnswer Answer(ParityScenario scenario, bool stream) => (scenario, stream) switch
    {
        (ParityScenario.ToolCall, false) => new(
            StubResponse.Json(200, OllamaPayloads.ToolCallChat),
            new ExpectedView { ToolCall = new(null, "get_weather", """{"city":"Tokyo"}"""), Finish = ChatFinishReason.ToolCalls, Usage = (169, 18) }),
        (ParityScenario.ToolCall, true) => new(
            StubResponse.Ndjson(OllamaPayloads.ToolCallStream),
            new ExpectedView { ToolCall = new(null, "get_weather", """{"city":"Tokyo"}"""), Finish = ChatFinishReason.ToolCalls, Usage = (169, 15) }),
        (ParityScenario.JsonMode, false) => new(
            StubResponse.Json(200, Fixture.WithField(OllamaPayloads.Chat, "content", OllamaPayloads.ChatContent, OpenAiParity.JsonAnswer)),
            new ExpectedView { Text = OpenAiParity.JsonAnswer, Finish = ChatFinishReason.Stop, Usage = (26, 298) }),
        (ParityScenario.JsonMode, true) => new(
            StubResponse.Ndjson(Fixture.WithField(OllamaPayloads.ChatStream, "content", OllamaPayloads.ChatStreamContent, OpenAiParity.JsonAnswer)),
            new ExpectedView { Text = OpenAiParity.JsonAnswer, Finish = ChatFinishReason.Stop, Usage = (26, 282) }),
        (ParityScenario.LengthFinish, false) => new(
            StubResponse.Json(200, AsLength(OllamaPayloads.Chat)),
            new ExpectedView { Text = OllamaPayloads.ChatContent, Finish = ChatFinishReason.Length, Usage = (26, 298) }),
        (ParityScenario.LengthFinish, true) => new(
            StubResponse.Ndjson(OllamaPayloads.ChatStream.Select(AsLength)),
            new ExpectedView { Text = OllamaPayloads.ChatStreamContent, Finish = ChatFinishReason.Length, Usage = (26, 282) }),
        (ParityScenario.UpstreamError, _) => new(
            OllamaPayloads.ModelNotFound(Model),
            new ExpectedView { ErrorStatus = 404, ErrorCode = "model_not_found", ErrorPhrase = $"model '{Model}' not found" }),
        (_, false) => new(
            StubResponse.Json(200, OllamaPayloads.Chat),
            new ExpectedView { Text = OllamaPayloads.ChatContent, Finish = ChatFinishReason.Stop, Usage = (26, 298) }),
        (_, true) => new(
            StubResponse.Ndjson(OllamaPayloads.ChatStream),
            new ExpectedView { Text = OllamaPayloads.ChatStreamContent, Finish = ChatFinishReason.Stop, Usage = (26, 282) }),
    };

    /// <summary>The first line of the §4.4 stream, then the §4.5 error line (HTTP status stays 200).</summary>
    public override MidStreamFailure MidStreamFailure() =>
        new(StubResponse.Ndjson(OllamaPayloads.ChatStreamWithMidStreamError), OllamaPayloads.ChatStreamContent, "an error was encountered while running the model");

    public override void AssertRequest(ParityScenario scenario, bool stream, RecordedRequest request)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/chat", request.Path);
        Assert.Null(request.Header("Authorization"));
        var body = request.Json;
        Assert.Equal(Model, body.Text("model"));
        Assert.Equal(stream, body.At("stream").GetBoolean());
        Assert.False(body.Has("stream_options"));
        Assert.False(body.Has("response_format"));

        var messages = body.At("messages");
        switch (scenario)
        {
            case ParityScenario.PlainText or ParityScenario.UpstreamError:
                Assert.Equal("system", messages.Text(0, "role"));
                Assert.Equal(ParityRequests.SystemPrompt, messages.Text(0, "content"));
                Assert.Equal("user", messages.Text(1, "role"));
                Assert.Equal(ParityRequests.Question, messages.Text(1, "content"));
                break;
            case ParityScenario.ToolCall:
                Assert.Equal("function", body.Text("tools", 0, "type"));
                Assert.Equal(ParityRequests.ToolName, body.Text("tools", 0, "function", "name"));
                JsonAssert.SameJson(ParityRequests.ToolParameters, body.At("tools", 0, "function", "parameters").GetRawText());
                break;
            case ParityScenario.ToolResultRoundTrip:
                Assert.Equal("assistant", messages.Text(1, "role"));
                Assert.Equal(ParityRequests.ToolName, messages.Text(1, "tool_calls", 0, "function", "name"));
                JsonAssert.SameJson(ParityRequests.CallArguments, messages.At(1, "tool_calls", 0, "function", "arguments").GetRawText());
                Assert.Equal(System.Text.Json.JsonValueKind.Object, messages.At(1, "tool_calls", 0, "function", "arguments").ValueKind);
                Assert.Equal("tool", messages.Text(2, "role"));
                Assert.Equal(ParityRequests.ToolName, messages.Text(2, "tool_name"));
                Assert.Equal(ParityRequests.ToolResult, messages.Text(2, "content"));
                break;
            case ParityScenario.ImageInput:
                Assert.Equal(ParityRequests.ImageQuestion, messages.Text(0, "content"));
                Assert.Equal(ParityRequests.PngBase64, messages.Text(0, "images", 0));
                break;
            case ParityScenario.JsonMode:
                Assert.Equal("json", body.Text("format"));
                break;
            case ParityScenario.LengthFinish:
                Assert.Equal(1, body.At("options", "num_predict").GetInt32());
                Assert.Equal(ParityRequests.StopSequence, body.Text("options", "stop", 0));
                break;
        }
    }

    private static string AsLength(string payload) =>
        payload.Replace("\"done_reason\":\"stop\"", "\"done_reason\":\"length\"", StringComparison.Ordinal);
}
