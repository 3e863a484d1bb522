namespace Gateway.Dispatch;

/// <summary>How long one attempt may take.</summary>
internal sealed record DispatchTimeouts
{
    /// <summary>A non-streamed attempt's whole time, and a streamed attempt's time to its first event.</summary>
    public TimeSpan Attempt { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The longest silence allowed between two streamed events.</summary>
    public TimeSpan StreamIdle { get; init; } = TimeSpan.FromSeconds(60);
}
