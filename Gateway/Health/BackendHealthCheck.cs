using Gateway.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Health;

/// <summary>
/// The health check of one backend: its endpoints probed by <see cref="BackendProbe"/>. Healthy when an endpoint answers; otherwise
/// <see cref="HealthStatus.Unhealthy"/> for the default backend (nothing serves the requests that name no other) and
/// <see cref="HealthStatus.Degraded"/> for any other (fallbacks and explicit routes to it are lost), so the report's overall status is
/// <c>unavailable</c>, <c>degraded</c> or <c>ready</c> as <c>/health/backends</c> words it. The backend's full report is the entry's
/// <see cref="DataKey"/> value.
/// </summary>
/// <remarks>
/// A health check runs outside any request, so it reads the config in force, not a request's snapshot. A backend the config no longer
/// names (a reload between choosing the checks and running them) is reported healthy without data and left out of reports.
/// </remarks>
internal sealed class BackendHealthCheck(string backend, BackendProbe probe, GatewayRuntime runtime) : IHealthCheck
{
    public const string DataKey = "backend";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var llm = runtime.Current.Config.Llm;
        if (!llm.Backends.TryGetValue(backend, out var config))
        {
            return HealthCheckResult.Healthy($"{backend} is not configured");
        }

        var health = await probe.CheckBackendAsync(config, llm.Resilience, cancellationToken);
        var data = new Dictionary<string, object>(1, StringComparer.Ordinal) { [DataKey] = health };
        var answering = health.Endpoints.Count(e => e.Reachable);
        var description = $"{answering} of {health.Endpoints.Count} endpoint(s) answer";
        if (health.Ready)
        {
            return HealthCheckResult.Healthy(description, data);
        }

        var status = backend == llm.DefaultBackend ? context.Registration.FailureStatus : HealthStatus.Degraded;
        return new HealthCheckResult(status, description, data: data);
    }
}
