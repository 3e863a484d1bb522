using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>
/// Azure OpenAI (§2): OpenAI's bodies under a deployment URL with <c>api-version</c> and <c>api-key</c>, no <c>model</c> in the body,
/// content-filter annotation events in streams, and its own error envelope.
/// </summary>
internal sealed class AzureParity : ParityBackend
{
    public const string Deployment = "gpt-4o-prod";
    public const string ApiVersion = "2024-10-21";

    public override string Name => "azure";

    public override UpstreamKind Kind => UpstreamKind.Azure;

    public override string? ApiKey => "azure-parity-key";

    public override string Model => "gpt-4o";

    public override string Section(string stubUrl, string model) => $"""
            endpoint: "{stubUrl}"
            api_key: "{ApiKey}"
            api_version: "{ApiVersion}"
            deployments:
              generator:
                deployment: "{Deployment}"
                model: "{model}"
        """;

    /// <summary>The §2.3 "passes filters" sample with the usage event Azure adds when <c>include_usage</c> is asked for.</summary>
    private static IReadOnlyList<string> TextStream { get; } =
        [.. AzurePayloads.PassesFiltersStream.SkipLast(1), AzurePayloads.UsageEvent, RawSse.Done];

    public override ParityAnswer Answer(ParityScenario scenario, bool stream) => (scenario, stream) switch
    {
        // Azure serves OpenAI's bodies: the §1.7 tool call, behind Azure's prompt-annotation event when streamed [constructed].
        (ParityScenario.ToolCall, false) => new(
            StubResponse.Json(200, OpenAiPayloads.ToolCallCompletion),
            new ExpectedView
            {
                ToolCall = new("call_abc123", "get_current_weather", "{\n\"location\": \"Boston, MA\"\n}"),
                Finish = ChatFinishReason.ToolCalls,
                Usage = (82, 17),
            }),
        (ParityScenario.ToolCall, true) => new(
            StubResponse.Sse([AzurePayloads.BlockedStream[0], .. OpenAiPayloads.ToolCallStream]),
            new ExpectedView
            {
                ToolCall = new("call_c91SqDXlYFuETYv8mUHzz6pp", OpenAiPayloads.ToolCallStreamFunction, OpenAiPayloads.ToolCallStreamArguments),
                Finish = ChatFinishReason.ToolCalls,
                Usage = (76, 24),
            }),
        (ParityScenario.JsonMode, false) => new(
            StubResponse.Json(200, JsonCompletion()),
            new ExpectedView { Text = OpenAiParity.JsonAnswer, Finish = ChatFinishReason.Stop, Usage = (33, 557) }),
        (ParityScenario.JsonMode, true) => new(
            StubResponse.Sse(Fixture.WithField(OpenAiParity.JsonTextStream(TextStream, "Color", " is"), "content", " a", "")),
            new ExpectedView { Text = OpenAiParity.JsonAnswer, Finish = ChatFinishReason.Stop, Usage = (14, 3) }),
        (ParityScenario.LengthFinish, false) => new(
            StubResponse.Json(200, OpenAiParity.AsLength(AzurePayloads.ChatCompletion)),
            new ExpectedView { Text = ParrotText, Finish = ChatFinishReason.Length, Usage = (33, 557) }),
        (ParityScenario.LengthFinish, true) => new(
            StubResponse.Sse(TextStream.Select(OpenAiParity.AsLength)),
            new ExpectedView { Text = AzurePayloads.PassesFiltersStreamContent, Finish = ChatFinishReason.Length, Usage = (14, 3) }),
        (ParityScenario.UpstreamError, _) => new(
            AzurePayloads.ContentFiltered(),
            new ExpectedView { ErrorStatus = 400, ErrorCode = "content_filter", ErrorPhrase = "filtered: self_harm (medium)" }),
        (_, false) => new(
            StubResponse.Json(200, AzurePayloads.ChatCompletion),
            new ExpectedView { Text = ParrotText, Finish = ChatFinishReason.Stop, Usage = (33, 557) }),
        (_, true) => new(
            StubResponse.Sse(TextStream),
            new ExpectedView { Text = AzurePayloads.PassesFiltersStreamContent, Finish = ChatFinishReason.Stop, Usage = (14, 3) }),
    };

    /// <summary>The prompt annotation, the role and first text events of §2.3, then an OpenAI-style error event [constructed].</summary>
    public override MidStreamFailure MidStreamFailure() => new(
        StubResponse.Sse([.. AzurePayloads.PassesFiltersStream.Take(3), RawSse.Data(OpenAiPayloads.ServerError)]),
        "Color",
        "The server had an error while processing your request");

    public override void AssertRequest(ParityScenario scenario, bool stream, RecordedRequest request)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/openai/deployments/{Deployment}/chat/completions", request.Path);
        Assert.Equal(ApiVersion, request.Query("api-version"));
        Assert.Equal(ApiKey, request.Header("api-key"));
        Assert.Null(request.Header("Authorization"));
        Assert.False(request.Json.Has("model"), "Azure's URL names the deployment; the body carries no model");
        OpenAiStyleRequest.AssertBody(scenario, stream, request.Json, "max_tokens");
    }

    /// <summary>The text of the §2.2 example answer.</summary>
    private static string ParrotText { get; } = ContentOf(AzurePayloads.ChatCompletion);

    /// <summary>The §2.2 example answer with the JSON object as its content [constructed].</summary>
    private static string JsonCompletion()
    {
        var completion = System.Text.Json.Nodes.JsonNode.Parse(AzurePayloads.ChatCompletion)!;
        completion["choices"]![0]!["message"]!["content"] = OpenAiParity.JsonAnswer;
        return completion.ToJsonString();
    }

    private static string ContentOf(string completion)
    {
        using var document = System.Text.Json.JsonDocument.Parse(completion);
        return document.RootElement.Text("choices", 0, "message", "content");
    }
}
