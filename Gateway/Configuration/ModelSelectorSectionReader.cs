namespace Gateway.Configuration;

/// <summary>
/// Reads <c>model_selector:</c> (<c>enabled</c>, <c>weights</c>, <c>models</c>); omitted weights keep their defaults. An entry of
/// <c>models</c> either names its <c>backend</c> (and may add a model that backend does not list) or describes a model some backend
/// already names.
/// </summary>
internal static class ModelSelectorSectionReader
{
    private static readonly string[] Keys = ["enabled", "weights", "models"];
    private static readonly string[] WeightKeys = ["context_window", "speed", "cost", "quality", "specialization"];
    private static readonly string[] ModelKeys = ["backend", "context_window", "speed", "cost", "quality", "specializations"];

    public static void Read(ConfigNode? node, ConfigDraft draft)
    {
        if (node is null)
        {
            return;
        }

        var section = node.Mapping(Keys);
        var weights = section.Get("weights")?.Mapping(WeightKeys);
        var defaults = new SelectorWeights();
        double Weight(string key, double fallback) => weights?.Get(key)?.Number(0, double.PositiveInfinity) ?? fallback;

        draft.ModelSelector = new ModelSelectorConfig
        {
            Enabled = section.Get("enabled")?.Bool() ?? true,
            Weights = new SelectorWeights
            {
                ContextWindow = Weight("context_window", defaults.ContextWindow),
                Speed = Weight("speed", defaults.Speed),
                Cost = Weight("cost", defaults.Cost),
                Quality = Weight("quality", defaults.Quality),
                Specialization = Weight("specialization", defaults.Specialization),
            },
            Models = ReadModels(section.Get("models"), draft.Llm),
        };
    }

    private static SelectorModelEntry[] ReadModels(ConfigNode? node, LlmConfig? llm)
    {
        if (node is null)
        {
            return [];
        }

        var entries = new List<SelectorModelEntry>();
        foreach (var (model, keyNode, value) in node.Entries("a mapping of model name: {backend, context_window, speed, cost, quality, specializations}"))
        {
            var entry = value.Mapping(ModelKeys);
            var backendNode = entry.Get("backend");
            var configured = llm?.Backends.Keys ?? (IReadOnlyList<string>)[];
            var backend = backendNode is null ? null : BackendReferences.Resolve(backendNode, configured);
            if (backendNode is null && llm is not null && !NamedByAnyBackend(llm, model))
            {
                keyNode.Context.Diagnostics.Error(
                    keyNode.Start,
                    value.Path,
                    $"model '{model}' is not named by any backend (models, context_windows, Azure deployments); "
                    + $"add 'backend: <name>' to put it in that backend's catalogue (configured backends: {string.Join(", ", configured)})");
            }

            entries.Add(new SelectorModelEntry
            {
                Model = model,
                Backend = backend,
                ContextWindow = entry.Get("context_window")?.PositiveInt(),
                Speed = Tier<SpeedTier>(entry.Get("speed"), SelectorVocabulary.SpeedNames, SelectorVocabulary.TryParse),
                Cost = Tier<CostTier>(entry.Get("cost"), SelectorVocabulary.CostNames, SelectorVocabulary.TryParse),
                Quality = Tier<QualityTier>(entry.Get("quality"), SelectorVocabulary.QualityNames, SelectorVocabulary.TryParse),
                Specializations = ReadSpecializations(entry.Get("specializations")),
            });
        }

        return [.. entries];
    }

    private delegate bool TierParser<T>(string text, out T tier);

    private static T? Tier<T>(ConfigNode? node, IReadOnlyList<string> names, TierParser<T> parse)
        where T : struct
    {
        if (node?.RequiredText(string.Join(", ", names)) is not { } text)
        {
            return null;
        }

        if (parse(text, out var tier))
        {
            return tier;
        }

        node.Error($"'{text}' is not one of: {string.Join(", ", names)}{DidYouMean.Hint(text, names)}");
        return null;
    }

    private static string[]? ReadSpecializations(ConfigNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var valid = SelectorVocabulary.Specializations;
        var specializations = new List<string>();
        foreach (var item in node.Items("a list of specializations such as [\"code-generation\", \"long-context\"]"))
        {
            if (item.RequiredText("a specialization") is not { } text)
            {
                continue;
            }

            var known = valid.FirstOrDefault(name => string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                item.Error($"unknown specialization '{text}'; valid: {string.Join(", ", valid)}{DidYouMean.Hint(text, valid)}");
            }
            else if (!specializations.Contains(known))
            {
                specializations.Add(known);
            }
        }

        return [.. specializations];
    }

    private static bool NamedByAnyBackend(LlmConfig llm, string model)
    {
        foreach (var backend in llm.Backends.Values)
        {
            if (backend.ContextWindows.ContainsKey(model) || backend.Models.ContainsValue(model)
                || backend.Deployments.Values.Any(d => d.Model == model || d.Deployment == model))
            {
                return true;
            }
        }

        return false;
    }
}
