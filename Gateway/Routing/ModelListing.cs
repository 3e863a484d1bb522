using Gateway.Configuration;

namespace Gateway.Routing;

/// <summary>The model ids the gateway accepts, derived from the config: what <c>GET /v1/models</c> lists.</summary>
internal static class ModelListing
{
    /// <summary>
    /// Every model key once as <c>&lt;key&gt;</c>, owned by the backend a bare key resolves to; then, per backend in file order,
    /// <c>&lt;backend&gt;/&lt;model&gt;</c> for its <c>models</c> values, <c>context_windows</c> keys and <c>embedding_model</c>, and
    /// <c>azure/&lt;entry&gt;</c> for its deployment entries; then every exact id of <c>llm.model_aliases</c> (globs name no one
    /// model), owned by the backend its target names or whose model key it is, else the default backend. Each id appears once.
    /// </summary>
    public static IReadOnlyList<ListedModel> Build(GatewayConfig config)
    {
        var backends = config.Llm.Backends.Values;
        var chain = BackendChain.Order(config.Llm);
        var listed = new List<ListedModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var backend in backends)
        {
            foreach (var key in ModelCatalog.KeysOf(backend))
            {
                if (BackendChain.KeyOwner(chain, key) is { } owner)
                {
                    Add(listed, seen, key, OwnerOf(owner));
                }
            }
        }

        foreach (var backend in backends)
        {
            foreach (var model in backend.Models.Values)
            {
                Add(listed, seen, $"{backend.Name}/{model}", OwnerOf(backend));
            }

            foreach (var model in backend.ContextWindows.Keys)
            {
                Add(listed, seen, $"{backend.Name}/{model}", OwnerOf(backend));
            }

            if (!string.IsNullOrEmpty(backend.EmbeddingModel))
            {
                Add(listed, seen, $"{backend.Name}/{backend.EmbeddingModel}", OwnerOf(backend));
            }

            if (backend.Kind == BackendKind.Azure)
            {
                foreach (var entry in backend.Deployments.Keys)
                {
                    Add(listed, seen, $"{backend.Name}/{entry}", backend.Name);
                }
            }
        }

        foreach (var alias in config.Llm.ModelAliases)
        {
            if (!alias.IsGlob)
            {
                Add(listed, seen, alias.Pattern, TargetOwner(config.Llm, chain, alias), alias.Target);
            }
        }

        return listed;
    }

    /// <summary>The listed id <paramref name="id"/>, or an id an alias glob matches (it is served too), or null.</summary>
    public static ListedModel? Find(GatewayConfig config, string id)
    {
        foreach (var model in Build(config))
        {
            if (model.Id == id)
            {
                return model;
            }
        }

        return new ModelAliasTable(config.Llm.ModelAliases).Match(id) is { } alias
            ? new ListedModel(id, TargetOwner(config.Llm, BackendChain.Order(config.Llm), alias), alias.Target)
            : null;
    }

    /// <summary>Who serves an alias's target: the backend it names, else the one whose model key it is, else the default backend.</summary>
    private static string TargetOwner(LlmConfig llm, IReadOnlyList<BackendConfig> chain, ModelAlias alias)
    {
        var owner = alias.TargetBackend is { } named && llm.Backends.TryGetValue(named, out var backend) ? backend
            : BackendChain.KeyOwner(chain, alias.Target) ?? (chain.Count > 0 ? chain[0] : null);
        return owner is null ? llm.DefaultBackend : OwnerOf(owner);
    }

    /// <summary>The backend's name, except that every mock section is listed as <c>mock</c> so clients can tell a mock apart.</summary>
    private static string OwnerOf(BackendConfig backend) => backend.Kind == BackendKind.Mock ? BackendNames.Mock : backend.Name;

    private static void Add(List<ListedModel> listed, HashSet<string> seen, string id, string ownedBy, string? aliasOf = null)
    {
        if (seen.Add(id))
        {
            listed.Add(new ListedModel(id, ownedBy, aliasOf));
        }
    }
}
