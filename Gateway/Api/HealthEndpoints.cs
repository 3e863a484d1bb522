using Gateway.Health;
using Gateway.Hosting;
using Gateway.Security;

namespace Gateway.Api;

/// <summary><c>GET /health</c> (liveness: the process answers) and <c>GET /health/ready</c> (per-backend reachability).</summary>
internal static class HealthEndpoints
{
    public static IResult Live() => TypedResults.Json(new LivenessReport("ok"), ApiJsonContext.Default.LivenessReport);

    public static async Task<IResult> Ready(GatewayRuntime runtime, ReadinessChecker checker, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        var config = runtime.Current.Config;
        var report = Redacted(await checker.CheckAsync(config, cancellationToken), redactor) with { ConfigVersion = config.Version };
        var status = report.Status == "unavailable" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return TypedResults.Json(report, ApiJsonContext.Default.ReadinessReport, statusCode: status);
    }

    /// <summary>Endpoint URLs and probe errors with any password or key they quote masked.</summary>
    private static ReadinessReport Redacted(ReadinessReport report, SecretRedactor redactor) =>
        redactor.Secrets.Count == 0 ? report : report with
        {
            Backends = [.. report.Backends.Select(backend => backend with
            {
                Endpoints = [.. backend.Endpoints.Select(endpoint => endpoint with
                {
                    Url = redactor.Redact(endpoint.Url),
                    Error = endpoint.Error is null ? null : redactor.Redact(endpoint.Error),
                })],
            })],
        };
}
