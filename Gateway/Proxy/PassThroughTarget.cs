using Gateway.Configuration;
using Gateway.Resilience;
using Gateway.Routing;

namespace Gateway.Proxy;

/// <summary>Where one pass-through request goes: the endpoint's root URL, the key to present there, and the endpoint whose health it feeds.</summary>
/// <param name="Root">The URL native paths are joined to (no trailing slash, no <c>/v1</c>).</param>
/// <param name="ApiKey">The backend's (or the Azure deployment's) key; null when none is configured.</param>
/// <param name="Endpoint">The endpoint as chat knows it, so a pass-through failure cools it down for chat too, and the other way round.</param>
internal sealed record PassThroughTarget(string Root, string? ApiKey, EndpointId Endpoint)
{
    private const string DeploymentsPrefix = "openai/deployments/";

    /// <summary>
    /// The endpoint for <paramref name="path"/> on <paramref name="backend"/>, drawn from its pool in the order chat would try it
    /// (round-robin, endpoints cooling down last). Null when the backend has no endpoint at all.
    /// </summary>
    /// <remarks>
    /// Ollama, OpenAI, Anthropic, LM Studio: <c>base_url</c> and every <c>endpoints.&lt;key&gt;</c> URL, deduplicated. Azure: for
    /// <c>openai/deployments/&lt;id&gt;/…</c>, the regions that host that deployment (with their own keys); otherwise the section's
    /// <c>endpoint</c> and every deployment's own endpoint.
    /// </remarks>
    public static PassThroughTarget? Select(BackendConfig backend, string path, EndpointPools pools)
    {
        var (poolKey, members) = backend.Kind == BackendKind.Azure ? AzureMembers(backend, path) : Members(backend);
        if (members.Count == 0)
        {
            return null;
        }

        var member = pools.Order(poolKey, members, backend.Name)[0];
        return new PassThroughTarget(NativeApi.Root(member.Url), member.ApiKey ?? backend.ApiKey, new EndpointId(backend.Name, member.Url, member.Deployment));
    }

    private static (string PoolKey, List<PoolEndpoint> Members) Members(BackendConfig backend)
    {
        var members = new List<PoolEndpoint>();
        AddOnce(members, new PoolEndpoint(Trim(backend.BaseUrl)));
        foreach (var urls in backend.Endpoints.Values)
        {
            foreach (var url in urls)
            {
                AddOnce(members, new PoolEndpoint(Trim(url)));
            }
        }

        return (backend.Name, members);
    }

    private static (string PoolKey, List<PoolEndpoint> Members) AzureMembers(BackendConfig azure, string path)
    {
        var members = new List<PoolEndpoint>();
        if (DeploymentOf(path) is { } deployment)
        {
            foreach (var entry in azure.Deployments.Values)
            {
                if (entry.Deployment == deployment && EndpointOf(azure, entry) is { Length: > 0 } url)
                {
                    AddOnce(members, new PoolEndpoint(url, entry.Deployment, entry.Model, entry.ApiKey));
                }
            }

            if (members.Count > 0)
            {
                return ($"{azure.Name}:{deployment}", members);
            }
        }

        if (!string.IsNullOrEmpty(azure.BaseUrl))
        {
            members.Add(new PoolEndpoint(Trim(azure.BaseUrl)));
        }

        foreach (var entry in azure.Deployments.Values)
        {
            if (!string.IsNullOrEmpty(entry.Endpoint))
            {
                AddOnce(members, new PoolEndpoint(Trim(entry.Endpoint), ApiKey: entry.ApiKey));
            }
        }

        return (azure.Name, members);
    }

    /// <summary>The deployment id of <c>openai/deployments/&lt;id&gt;/…</c>, else null.</summary>
    private static string? DeploymentOf(string path)
    {
        if (!path.StartsWith(DeploymentsPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path.AsSpan(DeploymentsPrefix.Length);
        var slash = rest.IndexOf('/');
        return slash > 0 ? rest[..slash].ToString() : null;
    }

    private static string? EndpointOf(BackendConfig azure, AzureDeployment entry) =>
        string.IsNullOrEmpty(entry.Endpoint) ? (string.IsNullOrEmpty(azure.BaseUrl) ? null : Trim(azure.BaseUrl)) : Trim(entry.Endpoint);

    /// <summary>Adds <paramref name="member"/> unless one with the same URL is there (the first one's key wins).</summary>
    private static void AddOnce(List<PoolEndpoint> members, PoolEndpoint member)
    {
        if (member.Url.Length == 0)
        {
            return;
        }

        foreach (var existing in members)
        {
            if (existing.Url == member.Url)
            {
                return;
            }
        }

        members.Add(member);
    }

    private static string Trim(string url) => url.TrimEnd('/');

    /// <summary>Never prints <see cref="ApiKey"/>.</summary>
    public override string ToString() => Root;
}
