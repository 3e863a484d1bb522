namespace Gateway.Selection;

/// <summary>The selector's answer: ranked recommendations, or why there can be none.</summary>
internal sealed record SelectionOutcome
{
    public required TaskReading Reading { get; init; }

    public IReadOnlyList<Recommendation> Recommendations { get; init; } = [];

    /// <summary>How many models the catalogue holds, and how many met the constraints.</summary>
    public int CatalogueSize { get; init; }

    public int Considered { get; init; }

    /// <summary>Things worth knowing about the answer (a preference nothing matched, a backend the constraints ruled out).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Why no recommendation is possible (empty catalogue, impossible constraints, an unconfigured backend); null on success.</summary>
    public string? Failure { get; init; }

    public bool IsSuccess => Failure is null;
}
