using Gateway.Configuration;

namespace Gateway.Routing;

/// <summary>Resolving named tools and model-selector picks into plans, with the same pools and fallbacks as chat.</summary>
internal sealed partial class RouteResolver
{
    /// <summary>
    /// Resolves a tool: its <c>backend</c>, else <c>global_defaults.default_backend</c>, else <c>llm.backend</c>; there, its <c>llm.model</c>,
    /// else its <c>llm.model_key</c>, else the backend's default model (see <see cref="DefaultTerm"/>). The plan then continues like a
    /// chat request for <c>&lt;backend&gt;/&lt;that term&gt;</c>: the other endpoints of the pool, then the fallback backends by model key.
    /// </summary>
    public RouteResult ResolveTool(ToolConfig tool)
    {
        var backendName = tool.Backend ?? _llm.DefaultBackend;
        if (!TryGetBackend(backendName, RouteErrors.ModelParam, out var backend, out var error))
        {
            return RouteResult.Fail(error);
        }

        var term = tool.Model ?? tool.ModelKey ?? DefaultTerm(backend);
        if (term is null)
        {
            return RouteResult.Fail(new RouteError(
                "invalid_model",
                $"Tool '{tool.Name}' names no model and backend '{backend.Name}' has no model key to run; set tools.{tool.Name}.llm.model_key or llm.model in the config.",
                null,
                422));
        }

        return RouteResult.Ok(BuildChatPlan($"{backend.Name}/{term}", Selection.For(backend, term)));
    }

    /// <summary>
    /// A plan made of chosen (backend, model) pairs, tried in the given order, each with every endpoint of its pool; the configured
    /// fallback backends are not added (the later picks are the fallbacks). <paramref name="requested"/> is what the client asked for.
    /// </summary>
    public RouteResult ResolvePicks(string requested, IReadOnlyList<(string Backend, string Model)> picks)
    {
        var candidates = new List<Candidate>();
        for (var i = 0; i < picks.Count; i++)
        {
            var (backendName, model) = picks[i];
            if (!TryGetBackend(backendName, RouteErrors.ModelParam, out var backend, out var error))
            {
                return RouteResult.Fail(error);
            }

            var selection = Selection.For(backend, model);
            AddCandidates(candidates, backend, selection.Term, selection.Key, fallback: i > 0, embeddings: false);
        }

        return RouteResult.Ok(new RoutePlan { RequestedModel = requested, Candidates = candidates });
    }

    /// <summary>
    /// The model a tool naming none runs on <paramref name="backend"/>: its first model key in file order; for Azure without keys,
    /// <c>deployment_name</c>, else its first deployment entry. Null when the backend has none of these.
    /// </summary>
    public static string? DefaultTerm(BackendConfig backend)
    {
        foreach (var key in ModelCatalog.KeysOf(backend))
        {
            return key;
        }

        if (!string.IsNullOrEmpty(backend.DeploymentName))
        {
            return backend.DeploymentName;
        }

        foreach (var entry in backend.Deployments.Keys)
        {
            return entry;
        }

        return null;
    }
}
