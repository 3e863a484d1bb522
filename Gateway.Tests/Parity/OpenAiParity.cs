using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>OpenAI: the §1 captures and spec examples; the body goes upstream as the client sent it, with the mapped model.</summary>
internal sealed class OpenAiParity : ParityBackend
{
    /// <summary>The JSON object the JSON-mode answers spell [constructed].</summary>
    public const string JsonAnswer = """{"greeting":"Hello!"}""";

    public override string Name => "openai";

    public override UpstreamKind Kind => UpstreamKind.OpenAI;

    public override string? ApiKey => "sk-parity-openai";

    public override string Model => "gpt-4o";

    public override string Section(string stubUrl, string model) => $"""
            base_url: "{stubUrl}/v1"
            api_key: "{ApiKey}"
            models:
              generator: "{model}"
        """;

    public override ParityAnswer Answer(ParityScenario scenario, bool stream) => (scenario, stream) switch
    {
        (ParityScenario.ToolCall, false) => new(
            StubResponse.Json(200, OpenAiPayloads.ToolCallCompletion),
            new ExpectedView
            {
                ToolCall = new("call_abc123", "get_current_weather", "{\n\"location\": \"Boston, MA\"\n}"),
                Finish = ChatFinishReason.ToolCalls,
                Usage = (82, 17),
            }),
        (ParityScenario.ToolCall, true) => new(
            StubResponse.Sse(OpenAiPayloads.ToolCallStream),
            new ExpectedView
            {
                ToolCall = new("call_c91SqDXlYFuETYv8mUHzz6pp", OpenAiPayloads.ToolCallStreamFunction, OpenAiPayloads.ToolCallStreamArguments),
                Finish = ChatFinishReason.ToolCalls,
                Usage = (76, 24),
            }),
        (ParityScenario.JsonMode, false) => new(
            StubResponse.Json(200, Fixture.WithField(OpenAiPayloads.ChatCompletion, "content", OpenAiPayloads.ChatCompletionContent, JsonAnswer)),
            new ExpectedView { Text = JsonAnswer, Finish = ChatFinishReason.Stop, Usage = (19, 10) }),
        (ParityScenario.JsonMode, true) => new(
            StubResponse.Sse(JsonTextStream(OpenAiPayloads.TextStream, "I'm", ".")),
            new ExpectedView { Text = JsonAnswer, Finish = ChatFinishReason.Stop, Usage = (14, 30) }),
        (ParityScenario.LengthFinish, false) => new(
            StubResponse.Json(200, AsLength(OpenAiPayloads.ChatCompletion)),
            new ExpectedView { Text = OpenAiPayloads.ChatCompletionContent, Finish = ChatFinishReason.Length, Usage = (19, 10) }),
        (ParityScenario.LengthFinish, true) => new(
            StubResponse.Sse(OpenAiPayloads.LengthStream),
            new ExpectedView { Text = "{\"", Finish = ChatFinishReason.Length, Usage = (79, 1) }),
        (ParityScenario.UpstreamError, _) => new(
            StubResponse.Json(401, OpenAiPayloads.InvalidApiKeyError),
            new ExpectedView { ErrorStatus = 401, ErrorCode = "invalid_api_key", ErrorPhrase = "Incorrect API key provided" }),
        (_, false) => new(
            StubResponse.Json(200, OpenAiPayloads.ChatCompletion),
            new ExpectedView { Text = OpenAiPayloads.ChatCompletionContent, Finish = ChatFinishReason.Stop, Usage = (19, 10) }),
        (_, true) => new(
            StubResponse.Sse(OpenAiPayloads.TextStream),
            new ExpectedView { Text = OpenAiPayloads.TextStreamContent, Finish = ChatFinishReason.Stop, Usage = (14, 30) }),
    };

    /// <summary>Two events of the §1.4 text capture, then an error event in the §1.4 in-stream shape [constructed].</summary>
    public override MidStreamFailure MidStreamFailure() => new(
        StubResponse.Sse([.. OpenAiPayloads.TextStream.Take(2), RawSse.Data(OpenAiPayloads.ServerError)]),
        "I'm",
        "The server had an error while processing your request");

    public override void AssertRequest(ParityScenario scenario, bool stream, RecordedRequest request)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Header("Authorization"));
        Assert.Equal(Model, request.JsonString("model"));
        OpenAiStyleRequest.AssertBody(scenario, stream, request.Json, "max_completion_tokens");
    }

    /// <summary>A non-stream answer with <c>finish_reason: "length"</c> [constructed from the given fixture].</summary>
    internal static string AsLength(string completion) =>
        completion.Replace("\"finish_reason\":\"stop\"", "\"finish_reason\":\"length\"", StringComparison.Ordinal);

    /// <summary>
    /// An OpenAI-style text stream whose two content deltas <paramref name="first"/> and <paramref name="second"/> become the halves of
    /// <see cref="JsonAnswer"/> [constructed from the given capture].
    /// </summary>
    internal static IEnumerable<string> JsonTextStream(IEnumerable<string> stream, string first, string second) =>
        Fixture.WithField(Fixture.WithField(stream, "content", first, """{"greeting":"""), "content", second, "\"Hello!\"}");
}
