namespace Gateway.Backends;

/// <summary>What a successful try produced, as the stages around it see it.</summary>
internal interface IUpstreamAnswer
{
    /// <summary>Token usage, when the upstream reported it (for a stream: by the time it ends).</summary>
    Usage? Usage { get; }

    /// <summary>The model the upstream says answered, if it said.</summary>
    string? Model { get; }

    /// <summary>
    /// True when the answer goes on after the try returns (a stream whose first event arrived): its attempt then ends when the
    /// stream does, not when the try returns.
    /// </summary>
    bool EndsLater { get; }
}
