namespace Gateway.Tests.Deployment.Docker;

/// <summary>A container health check (the image's HEALTHCHECK or a compose service's <c>healthcheck</c>): the command and its timing.</summary>
internal sealed record HealthCheckConfig(IReadOnlyList<string> Command, TimeSpan Interval, TimeSpan Timeout, TimeSpan StartPeriod, int Retries)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    public const int DefaultRetries = 3;
}
