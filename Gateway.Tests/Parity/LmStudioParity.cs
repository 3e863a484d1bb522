using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>
/// LM Studio: OpenAI's protocol with its quirks (§5): numeric-string tool-call ids, <c>system_fingerprint</c> equal to the model,
/// <c>max_tokens</c> as the only documented token limit, an optional Bearer token.
/// </summary>
internal sealed class LmStudioParity : ParityBackend
{
    public override string Name => "lmstudio";

    public override UpstreamKind Kind => UpstreamKind.LMStudio;

    public override string? ApiKey => "lm-parity-token";

    public override string Model => "qwen2.5-7b-instruct";

    public override string Section(string stubUrl, string model) => $"""
            base_url: "{stubUrl}/v1"
            api_key: "{ApiKey}"
            models:
              generator: "{model}"
        """;

    public override ParityAnswer Answer(ParityScenario scenario, bool stream) => (scenario, stream) switch
    {
        (ParityScenario.ToolCall, false) => new(
            StubResponse.Json(200, LmStudioPayloads.ToolCallCompletion),
            new ExpectedView
            {
                ToolCall = new("365174485", "search_products", """{"query":"dell","category":"electronics","max_price":50}"""),
                Finish = ChatFinishReason.ToolCalls,
                Usage = (263, 34),
            }),
        (ParityScenario.ToolCall, true) => new(
            StubResponse.Sse(LmStudioPayloads.ToolCallStream),
            new ExpectedView
            {
                ToolCall = new("814890118", "get_current_weather", LmStudioPayloads.ToolCallStreamArguments),
                Finish = ChatFinishReason.ToolCalls,
            }),
        (ParityScenario.JsonMode, false) => new(
            StubResponse.Json(200, Fixture.WithField(LmStudioPayloads.ChatCompletion, "content", Escaped(LmStudioPayloads.ChatContent), OpenAiParity.JsonAnswer)),
            new ExpectedView { Text = OpenAiParity.JsonAnswer, Finish = ChatFinishReason.Stop, Usage = (24, 53) }),
        (ParityScenario.JsonMode, true) => new(
            StubResponse.Sse(JsonTextStream()),
            new ExpectedView { Text = OpenAiParity.JsonAnswer, Finish = ChatFinishReason.Stop, Usage = (24, 53) }),
        (ParityScenario.LengthFinish, false) => new(
            StubResponse.Json(200, OpenAiParity.AsLength(LmStudioPayloads.ChatCompletion)),
            new ExpectedView { Text = LmStudioPayloads.ChatContent, Finish = ChatFinishReason.Length, Usage = (24, 53) }),
        (ParityScenario.LengthFinish, true) => new(
            StubResponse.Sse(LmStudioPayloads.TextStream.Select(OpenAiParity.AsLength)),
            new ExpectedView { Text = LmStudioPayloads.ChatContent, Finish = ChatFinishReason.Length, Usage = (24, 53) }),
        (ParityScenario.UpstreamError, _) => new(
            StubResponse.Json(404, LmStudioPayloads.ModelNotFoundError(Model, ["gemma-3-27b-it-qat", "qwen3-32b"])),
            new ExpectedView { ErrorStatus = 404, ErrorCode = "model_not_found", ErrorPhrase = $"Model \"{Model}\" not found" }),
        (_, false) => new(
            StubResponse.Json(200, LmStudioPayloads.ChatCompletion),
            new ExpectedView { Text = LmStudioPayloads.ChatContent, Finish = ChatFinishReason.Stop, Usage = (24, 53) }),
        (_, true) => new(
            StubResponse.Sse(LmStudioPayloads.TextStream),
            new ExpectedView { Text = LmStudioPayloads.ChatContent, Finish = ChatFinishReason.Stop, Usage = (24, 53) }),
    };

    /// <summary>The first event of the text stream, then an OpenAI-style error event [constructed].</summary>
    public override MidStreamFailure MidStreamFailure() => new(
        StubResponse.Sse([LmStudioPayloads.TextStream[0], RawSse.Data(OpenAiPayloads.ServerError)]),
        "Greetings, I'm a helpful AI, here to assist,\n",
        "The server had an error while processing your request");

    public override void AssertRequest(ParityScenario scenario, bool stream, RecordedRequest request)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Header("Authorization"));
        Assert.Equal(Model, request.JsonString("model"));
        OpenAiStyleRequest.AssertBody(scenario, stream, request.Json, "max_tokens");
    }

    /// <summary><see cref="LmStudioPayloads.TextStream"/> with its four content deltas spelling the JSON answer [constructed].</summary>
    private static IEnumerable<string> JsonTextStream()
    {
        var lines = LmStudioPayloads.ChatContent.Split('\n');
        string[] parts = ["{\"greeting\":", "\"Hello!\"}", "", ""];
        IEnumerable<string> stream = LmStudioPayloads.TextStream;
        for (var i = 0; i < parts.Length; i++)
        {
            var original = Escaped(i < lines.Length - 1 ? lines[i] + "\n" : lines[i]);
            stream = Fixture.WithField(stream, "content", original, parts[i]);
        }

        return stream;
    }

    /// <summary>Text as it appears inside a JSON string of the fixtures (newlines as <c>\n</c>).</summary>
    private static string Escaped(string text) => Fixture.JsonString(text)[1..^1];
}
