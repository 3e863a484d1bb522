using Gateway.Health;
using Gateway.Redaction;
using Gateway.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Api;

/// <summary>
/// The probes: <c>GET /health</c> (liveness: the process answers), <c>GET /health/ready</c> (readiness: this process can serve, whatever
/// the state of any backend) and <c>GET /health/backends</c> (whether each backend's endpoints answer, for people and dashboards).
/// </summary>
internal static class HealthEndpoints
{
    public static IResult Live() => TypedResults.Json(new LivenessReport("ok"), ApiJsonContext.Default.LivenessReport);

    /// <summary>
    /// 200 once the config is loaded and the server listens, 503 while it starts or stops (so an orchestrator sends no new traffic to a
    /// process that is shutting down). It asks no backend: with a fallback configured, a replica whose primary is down still serves.
    /// </summary>
    public static IResult Ready(HttpContext context, IHostApplicationLifetime lifetime)
    {
        var status = lifetime.ApplicationStopping.IsCancellationRequested ? "stopping"
            : lifetime.ApplicationStarted.IsCancellationRequested ? "ready"
            : "starting";
        var report = new ReadinessReport(status, RequestSnapshot.Of(context).Config.Version);
        return TypedResults.Json(report, ApiJsonContext.Default.ReadinessReport,
            statusCode: status == "ready" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Runs the backends' health checks (<see cref="BackendHealthChecks"/>); 503 when the default backend does not answer.</summary>
    public static async Task<IResult> Backends(HttpContext context, HealthCheckService checks, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var config = RequestSnapshot.Of(context).Config;
        var report = Redacted(await checks.CheckBackendsAsync(config, cancellationToken), redactor) with { ConfigVersion = config.Version };
        var status = report.Status == "unavailable" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return TypedResults.Json(report, ApiJsonContext.Default.BackendHealthReport, statusCode: status);
    }

    /// <summary>Endpoint URLs, probe errors and last failures with any password or key they quote masked.</summary>
    private static BackendHealthReport Redacted(BackendHealthReport report, SecretRedactor redactor) =>
        report with
        {
            Backends = [.. report.Backends.Select(backend => backend with
            {
                Endpoints = [.. backend.Endpoints.Select(endpoint => endpoint with
                {
                    Url = redactor.Redact(endpoint.Url),
                    Error = endpoint.Error is null ? null : redactor.Redact(endpoint.Error),
                    LastFailure = endpoint.LastFailure is null ? null : redactor.Redact(endpoint.LastFailure),
                })],
            })],
        };
}
