using System.Runtime.ExceptionServices;
using Gateway.Configuration;
using Gateway.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Health;

/// <summary>
/// The backends' health checks: registered once per backend name the config can use (<see cref="BackendNames.All"/>), each run only
/// when the config in question configures its backend, and read back into the report <c>GET /health/backends</c> answers.
/// </summary>
/// <remarks>
/// One registration per possible backend name rather than per configured backend: <see cref="HealthCheckService"/> reads its
/// registrations once, while the backends a config names change on every reload; the predicate picks the ones in force.
/// </remarks>
internal static class BackendHealthChecks
{
    /// <summary>The tag of every backend check.</summary>
    public const string Tag = "backend";

    /// <summary>The registration name of <paramref name="backend"/>'s check.</summary>
    public static string NameOf(string backend) => $"backend:{backend}";

    public static IServiceCollection AddGatewayHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<BackendProbe>();
        var checks = services.AddHealthChecks();
        foreach (var name in BackendNames.All)
        {
            checks.Add(new HealthCheckRegistration(
                NameOf(name),
                provider => new BackendHealthCheck(name, provider.GetRequiredService<BackendProbe>(), provider.GetRequiredService<GatewayRuntime>()),
                HealthStatus.Unhealthy,
                [Tag]));
        }

        return services;
    }

    /// <summary>
    /// Runs the checks of every backend <paramref name="config"/> configures, in parallel: <c>ready</c> when every backend answers,
    /// <c>degraded</c> when the default backend does and another does not, <c>unavailable</c> when the default backend does not.
    /// </summary>
    public static async Task<BackendHealthReport> CheckBackendsAsync(this HealthCheckService checks, GatewayConfig config, CancellationToken cancellationToken)
    {
        var llm = config.Llm;
        var names = llm.Backends.Keys.Select(NameOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var report = await checks.CheckHealthAsync(registration => names.Contains(registration.Name), cancellationToken);
        var backends = llm.Backends.Values.Select(backend => HealthOf(report, backend.Name)).OfType<BackendHealth>().ToList();
        var defaultReady = backends.Any(b => b.Name == llm.DefaultBackend && b.Ready);
        var status = !defaultReady ? "unavailable" : report.Status == HealthStatus.Healthy ? "ready" : "degraded";
        return new BackendHealthReport(status, llm.DefaultBackend, backends);
    }

    /// <summary>Runs one backend's check; null when it is not configured.</summary>
    public static async Task<BackendHealth?> CheckBackendAsync(this HealthCheckService checks, string backend, CancellationToken cancellationToken)
    {
        var name = NameOf(backend);
        return HealthOf(await checks.CheckHealthAsync(registration => registration.Name == name, cancellationToken), backend);
    }

    /// <summary>
    /// The backend's report from its entry. A check that threw is a bug, not a finding: it is rethrown, so the caller's error handling
    /// logs it with its stack (the health-check service's own log lines are silenced, see <c>GatewayLogging</c>).
    /// </summary>
    private static BackendHealth? HealthOf(HealthReport report, string backend)
    {
        if (!report.Entries.TryGetValue(NameOf(backend), out var entry))
        {
            return null;
        }

        if (entry.Exception is { } bug)
        {
            ExceptionDispatchInfo.Throw(bug);
        }

        return entry.Data.TryGetValue(BackendHealthCheck.DataKey, out var health) ? health as BackendHealth : null;
    }
}
