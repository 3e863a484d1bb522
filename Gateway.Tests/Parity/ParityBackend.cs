using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>What the client must see for one cell of the matrix.</summary>
internal sealed record ExpectedView
{
    public string Text { get; init; } = "";

    public ExpectedToolCall? ToolCall { get; init; }

    public ChatFinishReason? Finish { get; init; }

    /// <summary>Prompt and completion tokens; null when the upstream's answer carries none.</summary>
    public (int Input, int Output)? Usage { get; init; }

    public int? ErrorStatus { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>A phrase of the upstream's own error message the client must read.</summary>
    public string? ErrorPhrase { get; init; }
}

/// <summary>A tool call the client must see; <paramref name="Id"/> null means the gateway synthesises one (any <c>call_…</c> id).</summary>
internal sealed record ExpectedToolCall(string? Id, string Name, string Arguments);

/// <summary>A stream that breaks after it started, the text the client has by then, and a phrase of the upstream's error message.</summary>
internal sealed record MidStreamFailure(StubResponse Response, string TextBefore, string ErrorPhrase);

/// <summary>The reference payload a stub answers with, and what the client must make of it.</summary>
internal sealed record ParityAnswer(StubResponse Response, ExpectedView Expected);

/// <summary>
/// One backend of the matrix: how it is configured, what its stub answers with (the reference payloads of wire-formats.md), and what
/// request it must receive, field by field and header by header, for each scenario.
/// </summary>
internal abstract class ParityBackend
{
    public static IReadOnlyList<ParityBackend> All { get; } =
        [new OpenAiParity(), new AzureParity(), new AnthropicParity(), new OllamaParity(), new LmStudioParity()];

    /// <summary>The backend's section name, which is also what <c>backend:</c> names.</summary>
    public abstract string Name { get; }

    public abstract UpstreamKind Kind { get; }

    /// <summary>The key (or token) configured for the backend and required by its stub; null when the backend needs none.</summary>
    public abstract string? ApiKey { get; }

    /// <summary>The model <c>generator</c> maps to on this backend.</summary>
    public abstract string Model { get; }

    /// <summary>The YAML lines under <c>llm.&lt;name&gt;:</c>, indented by four spaces, mapping <c>generator</c> to <paramref name="model"/>.</summary>
    public abstract string Section(string stubUrl, string model);

    public abstract ParityAnswer Answer(ParityScenario scenario, bool stream);

    /// <summary>A stream that answers 200, sends its first text, then fails in the backend's own way (§6 "mid-stream error").</summary>
    public abstract MidStreamFailure MidStreamFailure();

    /// <summary>Asserts the request the stub received against the backend's protocol.</summary>
    public abstract void AssertRequest(ParityScenario scenario, bool stream, RecordedRequest request);

    public static ParityBackend Named(string name) => All.Single(backend => backend.Name == name);

    public override string ToString() => Name;
}
