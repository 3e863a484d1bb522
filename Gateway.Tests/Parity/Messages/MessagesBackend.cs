using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity.Messages;

/// <summary>An upstream's refusal and what the Anthropic client must read of it.</summary>
internal sealed record Refusal(StubResponse Response, int Status, string ErrorType, string Phrase);

/// <summary>
/// One backend row of the <c>/v1/messages</c> matrix: how it says a <see cref="Reply"/> on the wire (whole and streamed, modelled on
/// the reference payloads of wire-formats.md), what it can do, and what request it must receive for each scenario. The stub and
/// gateway are the chat matrix's (<see cref="ParityFixture"/>), so both matrices share one gateway per backend.
/// </summary>
internal abstract class MessagesBackend
{
    public static IReadOnlyList<MessagesBackend> All { get; } =
        [new OpenAiMessagesBackend(), new AzureMessagesBackend(), new AnthropicMessagesBackend(), new OllamaMessagesBackend(), new LmStudioMessagesBackend()];

    public abstract string Name { get; }

    /// <summary>The chat matrix's row for the same backend: its config, key and model.</summary>
    public ParityBackend Parity => ParityBackend.Named(Name);

    /// <summary>The backend returns its reasoning (Anthropic thinking blocks, Ollama <c>thinking</c>, <c>reasoning_content</c>).</summary>
    public abstract bool Reasons { get; }

    /// <summary>The backend can be given an image by URL.</summary>
    public virtual bool TakesImageUrls => true;

    /// <summary>The backend's answer says which stop sequence matched (only Anthropic's does).</summary>
    public virtual bool ReportsStopSequence(bool stream) => false;

    /// <summary>Whether the matrix has the cell: thinking only where the backend reasons.</summary>
    public virtual bool Covers(MessagesScenario scenario, bool stream) => scenario != MessagesScenario.Thinking || Reasons;

    /// <summary>The id the backend gives the answer's call <paramref name="index"/>; null when it gives none and the gateway makes one.</summary>
    public abstract string? CallId(int index);

    public abstract StubResponse Render(Reply reply, bool stream);

    public abstract Refusal Refusal();

    /// <summary>A 429 in the backend's own shape asking to wait <paramref name="seconds"/>.</summary>
    public abstract StubResponse RateLimited(int seconds);

    /// <summary>A 500 in the backend's own shape.</summary>
    public abstract StubResponse ServerError();

    public abstract void AssertRequest(MessagesScenario scenario, bool stream, RecordedRequest request);

    public static MessagesBackend Named(string name) => All.Single(backend => backend.Name == name);

    public override string ToString() => Name;
}
