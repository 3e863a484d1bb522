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

    public static Admission Cooling(TimeSpan left, string? lastFailure) => new(AdmissionKind.Cooling, left, lastFailure);
}

internal enum AdmissionKind
{
    Open,
    Probe,
    Cooling,
}
