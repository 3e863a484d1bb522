using Gateway.Configuration;

namespace Gateway.Selection;

/// <summary>
/// Ranks the catalogue's (backend, model) pairs for a task. Constraints filter; preferences (given, or read from directives in the text)
/// rank matching models first — the preferred backend's models, among them the preferred model, then models whose name contains it —
/// and within each group the weighted score decides. Equal scores go to the model meeting more of the task's needs, then to the better
/// quality, then to catalogue order. Pure logic over one config snapshot.
/// </summary>
internal sealed class ModelSelector
{
    private readonly LlmConfig _llm;
    private readonly SelectorWeights _weights;
    private readonly string[] _modelNames;

    public ModelSelector(GatewayConfig config)
    {
        _llm = config.Llm;
        _weights = config.ModelSelector.Weights;
        Enabled = config.ModelSelector.Enabled;
        Catalogue = SelectionCatalogue.Build(config);
        _modelNames = [.. Catalogue.Select(profile => profile.Model).Distinct(StringComparer.Ordinal)];
    }

    public bool Enabled { get; }

    public IReadOnlyList<ModelProfile> Catalogue { get; }

    public SelectionOutcome Select(SelectionQuery query)
    {
        var reading = PhraseReader.Read(query.Text, _modelNames);
        var backend = query.BackendPreference ?? reading.Backend;
        var model = query.ModelPreference ?? reading.Model;

        if (Unavailable(backend, reading, query) is { } why)
        {
            return new SelectionOutcome { Reading = reading, Failure = why, CatalogueSize = Catalogue.Count };
        }

        if (Catalogue.Count == 0)
        {
            return new SelectionOutcome
            {
                Reading = reading,
                Failure = "The model catalogue is empty: no backend names a model. Add model keys under llm.<backend>.models, "
                    + "models under llm.<backend>.context_windows, or entries under model_selector.models.",
            };
        }

        var considered = ConstraintFilter.Apply(Catalogue, query.Constraints, out var filterFailure);
        if (considered.Count == 0)
        {
            return new SelectionOutcome { Reading = reading, Failure = filterFailure, CatalogueSize = Catalogue.Count };
        }

        var ranked = Rank(considered, reading.Needs, backend, reading.Local && query.BackendPreference is null, model);
        var top = new List<Recommendation>(Math.Min(query.TopK, ranked.Count));
        for (var i = 0; i < ranked.Count && i < query.TopK; i++)
        {
            var (profile, breakdown, backendMatch, modelMatch) = ranked[i];
            top.Add(new Recommendation
            {
                Rank = i + 1,
                Profile = profile,
                Breakdown = breakdown,
                Reasoning = SelectionReasons.Explain(profile, breakdown, reading.Needs, backendMatch ? backend ?? "a local backend" : null, modelMatch ? model : null),
            });
        }

        return new SelectionOutcome
        {
            Reading = reading,
            Recommendations = top,
            CatalogueSize = Catalogue.Count,
            Considered = considered.Count,
            Notes = SelectionReasons.Notes(
                backend, ranked.Exists(r => r.BackendMatch), Catalogue.Any(p => p.Backend == backend), model, ranked.Exists(r => r.ModelMatch), considered.Count < Catalogue.Count),
        };
    }

    /// <summary>Why a backend the query asks for cannot serve: unknown, or without a section; null when it can.</summary>
    private string? Unavailable(string? backend, TaskReading reading, SelectionQuery query)
    {
        var configured = string.Join(", ", _llm.Backends.Keys);
        if (backend is not null && !_llm.Backends.ContainsKey(backend))
        {
            var asked = query.BackendPreference is not null ? $"backend_preference '{backend}'" : $"'{reading.BackendWords}' (backend {backend})";
            return $"The request asks for {asked}, which is not configured; configured backends: {configured}. Add an llm.{backend} section or ask for one of these.";
        }

        if (backend is null && reading.Local && !_llm.Backends.Values.Any(IsLocal))
        {
            return $"The request asks for a local model, but neither ollama nor lmstudio is configured; configured backends: {configured}.";
        }

        return null;
    }

    private List<Ranked> Rank(IReadOnlyList<ModelProfile> considered, IReadOnlyList<TaskNeed> needs, string? backend, bool local, string? model)
    {
        var ranked = new List<(Ranked Entry, int ModelTier, int Order)>(considered.Count);
        for (var i = 0; i < considered.Count; i++)
        {
            var profile = considered[i];
            var modelTier = ModelTier(profile.Model, model);
            var backendMatch = backend is not null ? profile.Backend == backend
                : local && _llm.Backends.TryGetValue(profile.Backend, out var config) && IsLocal(config);
            var breakdown = ModelScorer.Score(profile, needs, _weights);
            ranked.Add((new Ranked(profile, breakdown, backendMatch, modelTier > 0), modelTier, i));
        }

        ranked.Sort(static (a, b) => Compare(a.Entry, a.ModelTier, a.Order, b.Entry, b.ModelTier, b.Order));
        return [.. ranked.Select(r => r.Entry)];
    }

    /// <summary>The ranking order: preferred backend, preferred model, score, needs met, quality, catalogue order.</summary>
    private static int Compare(Ranked a, int aModelTier, int aOrder, Ranked b, int bModelTier, int bOrder)
    {
        var order = b.BackendMatch.CompareTo(a.BackendMatch);
        if (order == 0)
        {
            order = bModelTier.CompareTo(aModelTier);
        }

        if (order == 0)
        {
            order = Math.Round(b.Breakdown.Total, 6).CompareTo(Math.Round(a.Breakdown.Total, 6));
        }

        if (order == 0)
        {
            order = Math.Round(b.Breakdown.Specialization, 6).CompareTo(Math.Round(a.Breakdown.Specialization, 6));
        }

        if (order == 0)
        {
            order = b.Profile.Quality.CompareTo(a.Profile.Quality);
        }

        return order != 0 ? order : aOrder.CompareTo(bOrder);
    }

    /// <summary>2 when the model is the preferred one, 1 when its name contains it (<c>opus</c>, <c>gpt-4</c> in <c>gpt-4o</c>), else 0.</summary>
    private static int ModelTier(string name, string? preferred) =>
        preferred is null ? 0
        : string.Equals(name, preferred, StringComparison.OrdinalIgnoreCase) ? 2
        : name.Contains(preferred, StringComparison.OrdinalIgnoreCase) ? 1
        : 0;

    private static bool IsLocal(BackendConfig backend) => backend.Kind is BackendKind.Ollama or BackendKind.LMStudio;

    private readonly record struct Ranked(ModelProfile Profile, ScoreBreakdown Breakdown, bool BackendMatch, bool ModelMatch);
}
