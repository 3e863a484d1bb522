namespace Gateway.Selection;

/// <summary>What <see cref="PhraseReader"/> understood of a task description.</summary>
internal sealed record TaskReading
{
    public static TaskReading Empty { get; } = new();

    /// <summary>The backend a directive names (<c>"use claude"</c> → <c>anthropic</c>), configured or not.</summary>
    public string? Backend { get; init; }

    /// <summary>The words that named <see cref="Backend"/>, as written (<c>openapi</c>, <c>lm studio</c>).</summary>
    public string? BackendWords { get; init; }

    /// <summary>The model a directive names (<c>"use gpt-4"</c> → <c>gpt-4</c>, <c>"use anthropic opus"</c> → <c>opus</c>).</summary>
    public string? Model { get; init; }

    /// <summary>True when a directive asks for a local model (<c>"use a local model"</c>) without naming a backend.</summary>
    public bool Local { get; init; }

    /// <summary>The directive clauses found, as written (<c>use my openapi settings</c>).</summary>
    public IReadOnlyList<string> Directives { get; init; } = [];

    public IReadOnlyList<TaskNeed> Needs { get; init; } = [];
}
