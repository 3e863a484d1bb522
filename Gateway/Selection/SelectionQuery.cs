using Gateway.Configuration;

namespace Gateway.Selection;

/// <summary>One question to the selector: a task in words, hard limits, preferences, and how many answers.</summary>
internal sealed record SelectionQuery
{
    public const int DefaultTopK = 3;

    /// <summary>The task description or query; may hold directives (<c>"use anthropic opus"</c>) and need words.</summary>
    public string Text { get; init; } = "";

    public SelectionConstraints Constraints { get; init; } = SelectionConstraints.None;

    /// <summary>A backend to rank first; wins over one a directive names.</summary>
    public string? BackendPreference { get; init; }

    /// <summary>A model (or part of a name, such as <c>opus</c>) to rank first; wins over one a directive names.</summary>
    public string? ModelPreference { get; init; }

    public int TopK { get; init; } = DefaultTopK;
}

/// <summary>Limits a model must meet to be considered at all; each null one does not limit.</summary>
internal sealed record SelectionConstraints
{
    public static SelectionConstraints None { get; } = new();

    /// <summary><c>max_cost</c>: the most expensive tier allowed.</summary>
    public CostTier? MaxCost { get; init; }

    /// <summary><c>min_speed</c>: the slowest tier allowed.</summary>
    public SpeedTier? MinSpeed { get; init; }

    /// <summary><c>min_context</c>: the smallest context window allowed, in tokens.</summary>
    public int? MinContext { get; init; }

    /// <summary><c>backends</c>: only these backends.</summary>
    public IReadOnlyList<string>? Backends { get; init; }
}
