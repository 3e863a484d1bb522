using System.Diagnostics.CodeAnalysis;
using Gateway.Configuration;
using Gateway.Resilience;

namespace Gateway.Routing;

/// <summary>
/// Decides, for one request, which backend, model key, model and endpoint serve it, and what to try after that.
/// Pure logic over one config snapshot; the only live state it touches is the round-robin counters in <see cref="EndpointPools"/>.
/// </summary>
internal sealed partial class RouteResolver
{
    private readonly LlmConfig _llm;
    private readonly EndpointPools _pools;
    private readonly IReadOnlyList<BackendConfig> _chain;
    private readonly ModelAliasTable _aliases;
    private readonly Dictionary<string, AttemptLimits> _limits = new(StringComparer.Ordinal);

    public RouteResolver(GatewayConfig config, EndpointPools pools)
    {
        _llm = config.Llm;
        _pools = pools;
        _chain = BackendChain.Order(config.Llm);
        _aliases = new ModelAliasTable(config.Llm.ModelAliases);
        foreach (var backend in config.Llm.Backends.Values)
        {
            _limits[backend.Name] = AttemptLimits.Resolve(backend.Resilience, config.Llm.GlobalDefaults.Resilience);
        }
    }

    /// <summary>The limits of <paramref name="backend"/>'s attempts: its own settings over <c>global_defaults</c>.</summary>
    private AttemptLimits LimitsOf(BackendConfig backend) =>
        _limits.TryGetValue(backend.Name, out var limits) ? limits : AttemptLimits.Resolve(backend.Resilience, _llm.GlobalDefaults.Resilience);

    /// <summary>
    /// Resolves a chat request. An id of <c>llm.model_aliases</c> is first replaced by its target; then <paramref name="model"/> is read
    /// as, in order: <c>&lt;backend&gt;/&lt;key-or-model&gt;</c>, a model key, a model some backend lists, a model family (<c>gpt-*</c>,
    /// <c>claude-*</c>, ...), else a model of the default backend; a <c>claude-*</c> id with no <c>anthropic</c> section to serve it is
    /// a 404 rather than a guess. <paramref name="backendOverride"/> (the <c>x-gateway-backend</c> header) forces the backend.
    /// </summary>
    public RouteResult ResolveChat(string model, string? backendOverride)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return RouteResult.Fail(RouteErrors.EmptyModel());
        }

        var alias = AliasFor(model.Trim(), backendOverride);
        var error = SelectChat(alias?.Target ?? model.Trim(), backendOverride, out var selection);
        return error is null ? RouteResult.Ok(BuildChatPlan(model, selection, alias)) : RouteResult.Fail(error);
    }

    /// <summary>
    /// The alias <paramref name="model"/> matches. Under <c>x-gateway-backend</c> only an alias the forced backend can serve applies (a
    /// bare target, or one naming that backend); one naming another backend does not, and the id goes to the forced backend as sent.
    /// </summary>
    private ModelAlias? AliasFor(string model, string? backendOverride)
    {
        var alias = _aliases.Match(model);
        if (alias is null || string.IsNullOrWhiteSpace(backendOverride))
        {
            return alias;
        }

        BackendChain.TryCanonicalName(backendOverride.Trim(), out var forced);
        return alias.TargetBackend is null || alias.TargetBackend == forced ? alias : null;
    }

    private RouteError? SelectChat(string model, string? backendOverride, out Selection selection)
    {
        selection = default;
        if (!string.IsNullOrWhiteSpace(backendOverride))
        {
            if (!TryGetBackend(backendOverride.Trim(), RouteErrors.BackendHeader, out var forced, out var headerError))
            {
                return headerError;
            }

            // A prefix naming the same backend as the header is redundant, not part of the model name.
            var term = SplitPrefix(model, out var prefix, out var rest)
                && BackendChain.TryCanonicalName(prefix, out var canonical) && canonical == forced.Name && rest.Length > 0
                ? rest
                : model;
            selection = Selection.For(forced, term);
            return null;
        }

        if (SplitPrefix(model, out var backendName, out var keyOrModel) && BackendNames.IsKnown(backendName))
        {
            if (!TryGetBackend(backendName, RouteErrors.ModelParam, out var named, out var prefixError))
            {
                return prefixError;
            }

            if (keyOrModel.Length == 0)
            {
                return RouteErrors.NoModelAfterPrefix(model, named.Name);
            }

            selection = Selection.For(named, keyOrModel);
            return null;
        }

        if (BackendChain.KeyOwner(_chain, model) is { } keyOwner)
        {
            selection = new Selection(keyOwner, model, model);
            return null;
        }

        var byName = ListingBackend(model) ?? FamilyBackend(model);
        if (byName is null && IsClaudeId(model))
        {
            return RouteErrors.ClaudeWithoutBackend(model);
        }

        if (byName is null && !TryGetBackend(_llm.DefaultBackend, RouteErrors.ModelParam, out byName, out var defaultError))
        {
            return defaultError;
        }

        selection = new Selection(byName, model, ModelCatalog.KeyOf(byName, model));
        return null;
    }

    private RoutePlan BuildChatPlan(string requested, Selection selection, ModelAlias? alias = null)
    {
        var candidates = new List<Candidate>();
        var notes = new List<string>();
        AddCandidates(candidates, selection.Backend, selection.Term, selection.Key, fallback: false, embeddings: false);

        var visited = new HashSet<string>(StringComparer.Ordinal) { selection.Backend.Name };
        foreach (var name in _llm.FallbackBackends)
        {
            if (!visited.Add(name))
            {
                continue;
            }

            if (!_llm.Backends.TryGetValue(name, out var fallback))
            {
                notes.Add($"fallback '{name}' skipped: it has no llm.{name} section");
            }
            else if (selection.Key is null)
            {
                notes.Add($"fallback '{name}' skipped: model '{selection.Term}' has no model key to map");
            }
            else if (!ModelCatalog.HasKey(fallback, selection.Key))
            {
                notes.Add($"fallback '{name}' skipped: it has no model key '{selection.Key}' in {ModelCatalog.KeyLocation(fallback)}");
            }
            else
            {
                AddCandidates(candidates, fallback, selection.Key, selection.Key, fallback: true, embeddings: false);
            }
        }

        if (alias is not null)
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                candidates[i] = candidates[i] with { Reason = $"{candidates[i].Reason}, by alias '{alias.Pattern}'" };
            }
        }

        return new RoutePlan { RequestedModel = requested, Candidates = candidates, Notes = notes, Alias = alias };
    }

    /// <summary>Rule 3: the first backend in chain order that lists <paramref name="model"/> by name.</summary>
    private BackendConfig? ListingBackend(string model)
    {
        foreach (var backend in _chain)
        {
            if (ModelCatalog.Lists(backend, model))
            {
                return backend;
            }
        }

        return null;
    }

    /// <summary>A Claude model id, such as the fixed ids Claude Code asks for.</summary>
    private static bool IsClaudeId(string model) => model.StartsWith("claude-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Rule 4: the backend a model family belongs to, when that backend is configured.</summary>
    private BackendConfig? FamilyBackend(string model)
    {
        var family = IsClaudeId(model) ? BackendNames.Anthropic
            : model.StartsWith("gpt-", StringComparison.OrdinalIgnoreCase)
                || model.StartsWith("o1", StringComparison.OrdinalIgnoreCase)
                || model.StartsWith("o3", StringComparison.OrdinalIgnoreCase)
                || model.StartsWith("o4", StringComparison.OrdinalIgnoreCase)
                || model.StartsWith("text-embedding-", StringComparison.OrdinalIgnoreCase) ? BackendNames.OpenAI
            : null;
        return family is not null && _llm.Backends.TryGetValue(family, out var backend) ? backend : null;
    }

    /// <summary>The configured section for <paramref name="name"/> (any case), or the 404 that says which sections exist.</summary>
    private bool TryGetBackend(string name, string param, [NotNullWhen(true)] out BackendConfig? backend, [NotNullWhen(false)] out RouteError? error)
    {
        BackendChain.TryCanonicalName(name, out var canonical);
        if (_llm.Backends.TryGetValue(canonical, out backend))
        {
            error = null;
            return true;
        }

        error = RouteErrors.BackendNotFound(canonical, param, _llm);
        return false;
    }

    /// <summary>Splits <c>prefix/rest</c> at the first slash; false when there is none.</summary>
    private static bool SplitPrefix(string model, out string prefix, out string rest)
    {
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            prefix = rest = "";
            return false;
        }

        prefix = model[..slash];
        rest = model[(slash + 1)..];
        return true;
    }

    /// <summary>The backend a request goes to first, the key-or-model it asks of it, and the model key that carries over to fallbacks.</summary>
    private readonly record struct Selection(BackendConfig Backend, string Term, string? Key)
    {
        /// <summary>A key-or-model addressed to one backend: a key stays a key, a model name brings the key it holds there, if any.</summary>
        public static Selection For(BackendConfig backend, string term) =>
            new(backend, term, ModelCatalog.HasKey(backend, term) ? term : ModelCatalog.KeyOf(backend, term));
    }
}
