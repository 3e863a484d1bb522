namespace Gateway.Configuration;

/// <summary>
/// One entry of <c>model_selector.models</c>: what the operator states about a model, overriding what the selector infers from its name.
/// Every value is optional; an absent one stays inferred.
/// </summary>
internal sealed record SelectorModelEntry
{
    /// <summary>The model name (the entry's key), as a backend knows it.</summary>
    public required string Model { get; init; }

    /// <summary><c>backend</c>: the one backend this entry is about (and adds the model to); null means every backend naming the model.</summary>
    public string? Backend { get; init; }

    public int? ContextWindow { get; init; }

    public SpeedTier? Speed { get; init; }

    public CostTier? Cost { get; init; }

    public QualityTier? Quality { get; init; }

    /// <summary><c>specializations</c>: replaces the inferred ones when given.</summary>
    public IReadOnlyList<string>? Specializations { get; init; }
}
