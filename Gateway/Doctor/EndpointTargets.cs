using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Doctor;

/// <summary>
/// Every endpoint one backend may be called at, each with the key used there and the models routed to it: a model key with
/// <c>endpoints.&lt;key&gt;</c> is served by that list, every other model by <c>base_url</c> (Azure: see <see cref="OfAzure"/>).
/// </summary>
internal static class EndpointTargets
{
    public static IReadOnlyList<EndpointTarget> Of(BackendConfig backend) => backend.Kind switch
    {
        BackendKind.Mock => [],
        BackendKind.Azure => OfAzure(backend),
        _ => OfPooled(backend),
    };

    private static IReadOnlyList<EndpointTarget> OfPooled(BackendConfig backend)
    {
        var set = new TargetSet(backend);
        set.Add(backend.BaseUrl, backend.ApiKey, $"llm.{backend.Name}.base_url");
        foreach (var (key, urls) in backend.Endpoints)
        {
            foreach (var url in urls)
            {
                set.Add(url, backend.ApiKey, $"llm.{backend.Name}.endpoints.{key}");
            }
        }

        foreach (var (key, model) in backend.Models)
        {
            foreach (var url in ServingUrls(backend, key))
            {
                set.AddModel(url, backend.ApiKey, model, key);
            }
        }

        if (!string.IsNullOrWhiteSpace(backend.EmbeddingModel))
        {
            var term = backend.EmbeddingModel;
            var model = backend.Models.TryGetValue(term, out var mapped) ? mapped : term;
            var key = backend.Models.ContainsKey(term) ? term : ModelCatalog.KeyOf(backend, model);
            foreach (var url in ServingUrls(backend, key))
            {
                set.AddModel(url, backend.ApiKey, model, ExpectedModel.EmbeddingRole);
            }
        }

        return set.Build();
    }

    /// <summary>
    /// Azure: the resource <c>endpoint</c> with the section's key, and every deployment entry at its own endpoint (else the resource's)
    /// with its own key (else the section's). Deployments are listed per target; the data-plane API cannot say whether they exist.
    /// </summary>
    private static IReadOnlyList<EndpointTarget> OfAzure(BackendConfig azure)
    {
        var set = new TargetSet(azure);
        var resource = $"llm.{azure.Name}.endpoint";
        set.Add(azure.BaseUrl, azure.ApiKey, resource);
        if (!string.IsNullOrWhiteSpace(azure.DeploymentName))
        {
            set.AddDeployment(azure.BaseUrl, azure.ApiKey, $"{azure.DeploymentName} (deployment_name)");
        }

        foreach (var (name, entry) in azure.Deployments)
        {
            var url = string.IsNullOrEmpty(entry.Endpoint) ? azure.BaseUrl : entry.Endpoint;
            var source = string.IsNullOrEmpty(entry.Endpoint) ? resource : $"llm.{azure.Name}.deployments.{name}.endpoint";
            var keySource = entry.ApiKey is null ? null : $"llm.{azure.Name}.deployments.{name}.api_key";
            set.Add(url, entry.ApiKey ?? azure.ApiKey, source, keySource);
            set.AddDeployment(url, entry.ApiKey ?? azure.ApiKey, $"{entry.Deployment} ({name})");
        }

        return set.Build();
    }

    /// <summary>The URLs that serve model key <paramref name="key"/>: its <c>endpoints</c> list when it has one, else <c>base_url</c>.</summary>
    private static IEnumerable<string> ServingUrls(BackendConfig backend, string? key) =>
        key is not null && backend.Endpoints.TryGetValue(key, out var urls) && urls.Count > 0 ? urls : [backend.BaseUrl];
}
