namespace Gateway.Resilience;

/// <summary>
/// Whether a request may use an endpoint: open, the one probe after a cooldown, or cooling down for <see cref="Left"/> after
/// <see cref="LastFailure"/>.
/// </summary>
internal readonly record struct Admission(AdmissionKind Kind, TimeSpan Left, string? LastFailure = null)
{
    public static readonly Admission Open = new(AdmissionKind.Open, TimeSpan.Zero);
    public static readonly Admission Probe = new(AdmissionKind.Probe, TimeSpan.Zero);

    public bool IsAllowed => Kind is not AdmissionKind.Cooling;

    /// <summary>When a client refused for the cooldown may try again (at least a second: a probe may be out right now).</summary>
    public TimeSpan RetryAfter => Left > TimeSpan.Zero ? Left : TimeSpan.FromSeconds(1);

    /// <summary><c>cooling down after repeated failures (29 s left); last failure: connection refused</c>: why the endpoint is skipped.</summary>
    public string Reason =>
        $"cooling down after repeated failures ({Math.Ceiling(Left.TotalSeconds):0} s left){(LastFailure is { } last ? $"; last failure: {last}" : "")}";

    public static Admission Cooling(TimeSpan left, string? lastFailure) => new(AdmissionKind.Cooling, left, lastFailure);
}

internal enum AdmissionKind
{
    Open,
    Probe,
    Cooling,
}
