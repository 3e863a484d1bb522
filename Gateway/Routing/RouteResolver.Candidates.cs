using Gateway.Configuration;

namespace Gateway.Routing;

/// <summary>Turning "this key-or-model on this backend" into candidates, one per endpoint of the pool that serves it.</summary>
internal sealed partial class RouteResolver
{
    /// <summary>Label of Azure's default regional pool (entries with their own endpoint and no model).</summary>
    private const string RegionalPool = "*";

    /// <summary>
    /// Appends one candidate per endpoint that serves <paramref name="term"/> (a model key or a model name) on
    /// <paramref name="backend"/>, in the order this request should try them.
    /// </summary>
    private void AddCandidates(List<Candidate> into, BackendConfig backend, string term, string? key, bool fallback, bool embeddings)
    {
        var (poolKey, members, model) = backend.Kind == BackendKind.Azure
            ? AzurePool(backend, term, embeddings)
            : EndpointPool(backend, term, key);

        var ordered = _pools.Order(poolKey, members, backend.Name);
        var limits = LimitsOf(backend);
        for (var i = 0; i < ordered.Count; i++)
        {
            var member = ordered[i];
            var served = member.Model ?? model;
            into.Add(new Candidate
            {
                Backend = backend,
                ModelKey = key,
                Model = served,
                Endpoint = member.Url,
                ApiKey = member.ApiKey ?? backend.ApiKey,
                Deployment = member.Deployment,
                ContextWindow = backend.ContextWindowFor(served),
                Reason = Reason(backend.Name, i, ordered.Count, fallback),
                PoolKey = poolKey,
                Limits = limits,
                Cooldown = _llm.Resilience,
            });
        }
    }

    /// <summary>
    /// Ollama, OpenAI, Anthropic, LM Studio: the key maps through <c>models</c>; <c>endpoints.&lt;key&gt;</c> (deduplicated) is the
    /// pool when the backend has one for the key, else <c>BaseUrl</c> alone.
    /// </summary>
    private static (string PoolKey, IReadOnlyList<PoolEndpoint> Members, string Model) EndpointPool(BackendConfig backend, string term, string? key)
    {
        var model = backend.Models.TryGetValue(term, out var mapped) ? mapped : term;
        if (key is not null && backend.Endpoints.TryGetValue(key, out var urls))
        {
            var members = new List<PoolEndpoint>(urls.Count);
            foreach (var url in urls)
            {
                AddOnce(members, new PoolEndpoint(Trim(url)));
            }

            if (members.Count > 0)
            {
                return ($"{backend.Name}:{key}", members, model);
            }
        }

        return (backend.Name, [new PoolEndpoint(Trim(backend.BaseUrl))], model);
    }

    /// <summary>
    /// Azure: (a) an entry named <paramref name="term"/>, pinned; (b) the entries whose <c>model</c> or <c>deployment</c> is the
    /// model; (c) for chat, the regional entries; (d) <c>deployment_name</c> (chat) or the model itself as the deployment at
    /// <c>BaseUrl</c>. Embeddings skip (c) and <c>deployment_name</c>: those name chat deployments.
    /// </summary>
    private static (string PoolKey, IReadOnlyList<PoolEndpoint> Members, string Model) AzurePool(BackendConfig azure, string term, bool embeddings)
    {
        if (azure.Deployments.TryGetValue(term, out var pinned))
        {
            // The term is an entry name (a role or a region label), not a model, so without a stated model the deployment stands in.
            var entryModel = pinned.Model ?? pinned.Deployment;
            return ($"{azure.Name}:{term}", [Member(azure, pinned, entryModel)], entryModel);
        }

        var model = azure.Models.TryGetValue(term, out var mapped) ? mapped : term;
        var matching = new List<PoolEndpoint>();
        foreach (var entry in azure.Deployments.Values)
        {
            if (entry.Model == model || entry.Deployment == model)
            {
                AddOnce(matching, Member(azure, entry, entry.Model ?? model));
            }
        }

        if (matching.Count > 0)
        {
            return ($"{azure.Name}:{model}", matching, model);
        }

        if (!embeddings)
        {
            var regional = new List<PoolEndpoint>();
            foreach (var entry in azure.Deployments.Values)
            {
                if (ModelCatalog.IsRegional(entry))
                {
                    AddOnce(regional, Member(azure, entry, model));
                }
            }

            if (regional.Count > 0)
            {
                return ($"{azure.Name}:{RegionalPool}", regional, model);
            }
        }

        var deployment = embeddings ? model : azure.DeploymentName ?? model;
        return (azure.Name, [new PoolEndpoint(Trim(azure.BaseUrl), deployment, model)], model);
    }

    private static PoolEndpoint Member(BackendConfig azure, AzureDeployment entry, string model) =>
        new(Trim(string.IsNullOrEmpty(entry.Endpoint) ? azure.BaseUrl : entry.Endpoint), entry.Deployment, model, entry.ApiKey);

    private static void AddOnce(List<PoolEndpoint> members, PoolEndpoint member)
    {
        foreach (var existing in members)
        {
            if (existing.Id == member.Id)
            {
                return;
            }
        }

        members.Add(member);
    }

    private static string Trim(string url) => url.TrimEnd('/');

    private static string Reason(string backend, int index, int count, bool fallback)
    {
        var position = $"endpoint {index + 1} of {count}";
        return (fallback, index) switch
        {
            (false, 0) => "primary",
            (false, _) => position,
            (true, 0) => $"fallback '{backend}'",
            (true, _) => $"fallback '{backend}', {position}",
        };
    }
}
