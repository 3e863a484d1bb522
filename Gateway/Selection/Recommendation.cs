namespace Gateway.Selection;

/// <summary>One ranked answer of the selector.</summary>
internal sealed record Recommendation
{
    public required int Rank { get; init; }

    public required ModelProfile Profile { get; init; }

    public required ScoreBreakdown Breakdown { get; init; }

    /// <summary>Why it ranks where it does, in one paragraph.</summary>
    public required string Reasoning { get; init; }
}
