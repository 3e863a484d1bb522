using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Resilience;

namespace Gateway.Health;

/// <summary>
/// Probes a backend's endpoints in parallel with a request that spends no tokens (model listings), each within a short bound. A backend
/// is ready when one of its endpoints answers 2xx. What an endpoint does feeds its breaker, the one chat and the pass-through share.
/// <see cref="BackendHealthCheck"/> runs it as an ASP.NET Core health check.
/// </summary>
/// <remarks>
/// The per-endpoint deadline stays here rather than in the health check registration's timeout: a registration timeout cancels the whole
/// check and leaves an entry without data, while an endpoint that does not answer in time must still be reported (unreachable, with
/// the reason) and counted toward its cooldown, next to the endpoints that did answer.
/// </remarks>
internal sealed class BackendProbe(BackendProtocols protocols, UpstreamClient upstream, EndpointHealth health, TimeProvider time)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Probes every endpoint of one backend. An endpoint that cannot be reached counts toward its cooldown as a request's failure would
    /// (<paramref name="cooldown"/>); each report says what the endpoint's breaker knows.
    /// </summary>
    public async Task<BackendHealth> CheckBackendAsync(BackendConfig backend, CooldownSettings cooldown, CancellationToken cancellationToken)
    {
        var endpoints = await Task.WhenAll(EndpointsOf(backend).Select(e => ProbeAsync(backend, e.Url, e.Key, e.Deployment, cooldown, cancellationToken)));
        var key = !backend.RequiresApiKey ? (backend.ApiKey is null ? "not required" : "configured")
            : backend.ApiKey is null ? "missing" : "configured";
        return new BackendHealth(backend.Name, endpoints.Any(e => e.Reachable), key, endpoints);
    }

    private async Task<EndpointHealthReport> ProbeAsync(
        BackendConfig backend, string url, string? key, string? deployment, CooldownSettings cooldown, CancellationToken cancellationToken)
    {
        var endpoint = new EndpointId(backend.Name, url.TrimEnd('/'), deployment);
        var report = await SendProbeAsync(backend, url, key, endpoint, cooldown, cancellationToken);
        var (left, lastFailure) = health.Describe(endpoint);
        return report with { CoolingDownSeconds = left is { } cooling ? Math.Ceiling(cooling.TotalSeconds) : null, LastFailure = lastFailure };
    }

    private async Task<EndpointHealthReport> SendProbeAsync(
        BackendConfig backend, string url, string? key, EndpointId endpoint, CooldownSettings cooldown, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(ProbeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var request = protocols.For(backend.Kind).CreateReadinessProbe(backend, url, key);
        var sent = await upstream.SendAsync(request, linked.Token, cancellationToken);
        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        if (!sent.IsSuccess)
        {
            var failure = sent.Failure!;
            health.Failed(endpoint, failure, cooldown);
            return new EndpointHealthReport(url, false, null, elapsed, failure.Message);
        }

        using var response = sent.Value!;
        var status = (int)response.StatusCode;
        var error = response.IsSuccessStatusCode ? null
            : status is 401 or 403 ? "the API key was rejected"
            : $"HTTP {status}";
        return new EndpointHealthReport(url, response.IsSuccessStatusCode, status, elapsed, error);
    }

    /// <summary>Every distinct endpoint a backend may be called at, each with the key used there (and, for Azure, its deployment).</summary>
    private static IEnumerable<(string Url, string? Key, string? Deployment)> EndpointsOf(BackendConfig backend)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(backend.BaseUrl) && seen.Add(backend.BaseUrl))
        {
            yield return (backend.BaseUrl, backend.ApiKey, backend.Kind == BackendKind.Azure ? backend.DeploymentName : null);
        }

        foreach (var urls in backend.Endpoints.Values)
        {
            foreach (var url in urls)
            {
                if (seen.Add(url))
                {
                    yield return (url, backend.ApiKey, null);
                }
            }
        }

        foreach (var deployment in backend.Deployments.Values)
        {
            if (deployment.Endpoint is { } url && seen.Add(url))
            {
                yield return (url, deployment.ApiKey ?? backend.ApiKey, deployment.Deployment);
            }
        }
    }
}
