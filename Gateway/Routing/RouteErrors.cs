using Gateway.Configuration;

namespace Gateway.Routing;

/// <summary>The resolution failures a client can get, worded so that each says what failed and what to do.</summary>
internal static class RouteErrors
{
    public const string BackendHeader = "x-gateway-backend";
    public const string ModelParam = "model";

    private const string ListModels = "List models with GET /v1/models.";

    /// <summary>Anthropic has no embeddings endpoint; every other backend kind has one.</summary>
    public static bool HasEmbeddingsApi(BackendConfig backend) => backend.Kind != BackendKind.Anthropic;

    public static RouteError EmptyModel() => new(
        "invalid_model",
        $"The request names no model; pass a model key such as 'generator', a model name, or '<backend>/<model>'. {ListModels}",
        ModelParam,
        400);

    public static RouteError NoModelAfterPrefix(string requested, string backend) => new(
        "invalid_model",
        $"Model '{requested}' names backend '{backend}' but no model after the '/'; use '{backend}/<model key or model>'. {ListModels}",
        ModelParam,
        400);

    /// <summary>
    /// 404 for a Claude model id that no alias maps while no <c>llm.anthropic</c> section could serve it: sending it to another backend
    /// would only fail there, or answer from a model the client did not ask for.
    /// </summary>
    public static RouteError ClaudeWithoutBackend(string model) => new(
        "model_not_found",
        $"Model '{model}' is a Claude model id, and this gateway has no llm.anthropic backend to serve it and no entry of llm.model_aliases "
            + $"that matches it. Map it to a model this gateway serves in llm.model_aliases (e.g. \"claude-*\": \"generator\"), add an "
            + $"llm.anthropic section, or send a model key or '<backend>/<model>' instead (Claude Code: ANTHROPIC_MODEL). {ListModels}",
        ModelParam,
        404);

    /// <summary>404 for a backend name that is unknown, or known but without an <c>llm.&lt;name&gt;</c> section.</summary>
    public static RouteError BackendNotFound(string name, string param, LlmConfig llm)
    {
        var source = param == BackendHeader ? $" (from the {BackendHeader} header)" : "";
        var problem = BackendNames.IsKnown(name)
            ? $"has no llm.{name} section in the configuration"
            : $"is not a known backend (known: {string.Join(", ", BackendNames.All)})";
        return new(
            "backend_not_found",
            $"Backend '{name}'{source} {problem}; configured backends: {Configured(llm, withEmbeddingsOnly: false)}. {ListModels}",
            param,
            404);
    }

    public static RouteError NoEmbeddingModel(string backend) => new(
        "invalid_model",
        $"No embedding model for backend '{backend}'; set llm.{backend}.embedding_model or pass a model. {ListModels}",
        ModelParam,
        400);

    public static RouteError NoEmbeddingsApi(string backend, LlmConfig llm) => new(
        "unsupported_backend",
        $"Backend '{backend}' has no embeddings API; set llm.global_defaults.default_embedding_backend to one of: "
            + Configured(llm, withEmbeddingsOnly: true),
        ModelParam,
        400);

    private static string Configured(LlmConfig llm, bool withEmbeddingsOnly)
    {
        var names = new List<string>(llm.Backends.Count);
        foreach (var backend in llm.Backends.Values)
        {
            if (!withEmbeddingsOnly || HasEmbeddingsApi(backend))
            {
                names.Add(backend.Name);
            }
        }

        return names.Count == 0 ? "(none configured)" : string.Join(", ", names);
    }
}
