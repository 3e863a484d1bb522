using Gateway.Configuration;

namespace Gateway.Selection;

/// <summary>One (backend, model) pair of the selector's catalogue with the traits it is scored on.</summary>
internal sealed record ModelProfile
{
    public required string Backend { get; init; }

    /// <summary>The concrete model name (for Azure, the model a deployment serves, else the deployment id).</summary>
    public required string Model { get; init; }

    /// <summary>The model key this model holds on its backend, if any (what fallbacks carry over).</summary>
    public string? ModelKey { get; init; }

    public required int ContextWindow { get; init; }

    /// <summary>Where <see cref="ContextWindow"/> came from: <c>model_selector</c>, <c>context_windows</c>, <c>known</c> or <c>assumed</c>.</summary>
    public required string ContextSource { get; init; }

    public required SpeedTier Speed { get; init; }

    public required CostTier Cost { get; init; }

    public required QualityTier Quality { get; init; }

    public required IReadOnlyList<string> Specializations { get; init; }

    /// <summary>True when a <c>model_selector.models</c> entry stated some of these traits.</summary>
    public bool Stated { get; init; }

    public override string ToString() => $"{Backend}/{Model}";
}
