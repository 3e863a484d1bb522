using Gateway.Health;
using Gateway.Hosting;

namespace Gateway.Api;

/// <summary><c>GET /health</c> (liveness: the process answers) and <c>GET /health/ready</c> (per-backend reachability).</summary>
internal static class HealthEndpoints
{
    public static IResult Live() => TypedResults.Json(new LivenessReport("ok"), ApiJsonContext.Default.LivenessReport);

    public static async Task<IResult> Ready(GatewayRuntime runtime, ReadinessChecker checker, CancellationToken cancellationToken)
    {
        var report = await checker.CheckAsync(runtime.Current.Config, cancellationToken);
        var status = report.Status == "unavailable" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return TypedResults.Json(report, ApiJsonContext.Default.ReadinessReport, statusCode: status);
    }
}
