using System.Diagnostics.CodeAnalysis;
using Gateway.Configuration;

namespace Gateway.Routing;

/// <summary>Resolving <c>/v1/embeddings</c>: one backend, its embedding model, and the other endpoints of the same pool.</summary>
internal sealed partial class RouteResolver
{
    /// <summary>The model string that asks for the backend's configured <c>embedding_model</c>.</summary>
    private const string DefaultModel = "default";

    /// <summary>
    /// Resolves an embeddings request. The backend is <paramref name="backendOverride"/>, else the <c>&lt;backend&gt;/</c> prefix of
    /// <paramref name="model"/>, else the backend whose <c>embedding_model</c> it is, else the default embedding backend. The model
    /// is what the request names (a key maps through <c>models</c>), else that backend's <c>embedding_model</c>.
    /// No fallback backends: a different backend would answer with vectors of a different space.
    /// </summary>
    public RouteResult ResolveEmbeddings(string? model, string? backendOverride)
    {
        var requested = model?.Trim() ?? "";
        if (!TrySelectEmbeddingsBackend(requested, backendOverride, out var backend, out var asked, out var error))
        {
            return RouteResult.Fail(error);
        }

        if (!RouteErrors.HasEmbeddingsApi(backend))
        {
            return RouteResult.Fail(RouteErrors.NoEmbeddingsApi(backend.Name, _llm));
        }

        var term = asked.Length > 0 && asked != DefaultModel ? asked : backend.EmbeddingModel;
        if (string.IsNullOrWhiteSpace(term))
        {
            return RouteResult.Fail(RouteErrors.NoEmbeddingModel(backend.Name));
        }

        var key = ModelCatalog.HasKey(backend, term) ? term : ModelCatalog.KeyOf(backend, term);
        var candidates = new List<Candidate>();
        AddCandidates(candidates, backend, term, key, fallback: false, embeddings: true);
        return RouteResult.Ok(new RoutePlan { RequestedModel = model ?? "", Candidates = candidates });
    }

    /// <summary>Picks the backend; <paramref name="asked"/> is the model string addressed to it, without a <c>&lt;backend&gt;/</c> prefix.</summary>
    private bool TrySelectEmbeddingsBackend(
        string requested,
        string? backendOverride,
        [NotNullWhen(true)] out BackendConfig? backend,
        out string asked,
        [NotNullWhen(false)] out RouteError? error)
    {
        asked = requested;
        var hasPrefix = SplitPrefix(requested, out var prefix, out var rest) && BackendNames.IsKnown(prefix);
        if (!string.IsNullOrWhiteSpace(backendOverride))
        {
            if (!TryGetBackend(backendOverride.Trim(), RouteErrors.BackendHeader, out backend, out error))
            {
                return false;
            }

            if (hasPrefix && BackendChain.TryCanonicalName(prefix, out var canonical) && canonical == backend.Name)
            {
                asked = rest;
            }

            return true;
        }

        if (hasPrefix)
        {
            asked = rest;
            return TryGetBackend(prefix, RouteErrors.ModelParam, out backend, out error);
        }

        if (requested.Length > 0 && EmbeddingModelOwner(requested) is { } owner)
        {
            backend = owner;
            error = null;
            return true;
        }

        return TryGetBackend(_llm.DefaultEmbeddingBackend, RouteErrors.ModelParam, out backend, out error);
    }

    /// <summary>The backend whose <c>embedding_model</c> is <paramref name="model"/>: the default embedding backend first, then chain order.</summary>
    private BackendConfig? EmbeddingModelOwner(string model)
    {
        if (_llm.Backends.TryGetValue(_llm.DefaultEmbeddingBackend, out var preferred) && preferred.EmbeddingModel == model)
        {
            return preferred;
        }

        foreach (var backend in _chain)
        {
            if (backend.EmbeddingModel == model)
            {
                return backend;
            }
        }

        return null;
    }
}
