namespace Gateway.Configuration;

/// <summary>
/// Reads <c>pricing:</c>, model name → <c>{input_per_million, output_per_million}</c> in US dollars. When the section exists, models of
/// paid backends that it does not price draw one warning, since their cost will be reported as unknown.
/// </summary>
internal static class PricingSectionReader
{
    private static readonly string[] PriceKeys = ["input_per_million", "output_per_million"];

    public static void Read(ConfigNode? node, ConfigDraft draft)
    {
        if (node is null)
        {
            return;
        }

        foreach (var (model, keyNode, value) in node.Entries("a mapping of model name: {input_per_million, output_per_million}"))
        {
            var price = value.Mapping(PriceKeys);
            if (price.Get("input_per_million") is null && price.Get("output_per_million") is null)
            {
                value.Error("expected input_per_million and/or output_per_million (US dollars per million tokens), e.g. {input_per_million: 2.5, output_per_million: 10}");
                continue;
            }

            if (!draft.Pricing.TryAdd(model, new ModelPrice(PerMillion(price, "input_per_million"), PerMillion(price, "output_per_million"))))
            {
                keyNode.Error($"model '{model}' is priced twice");
            }
        }

        WarnAboutUnpricedModels(node, draft);
    }

    private static decimal PerMillion(ConfigMapping price, string key) =>
        price.Get(key)?.Number(0, 1_000_000) is double value ? (decimal)value : 0m;

    private static void WarnAboutUnpricedModels(ConfigNode node, ConfigDraft draft)
    {
        if (draft.Llm is null)
        {
            return;
        }

        var unpriced = new List<string>();
        foreach (var backend in draft.Llm.Backends.Values)
        {
            if (!IsPaid(backend.Kind))
            {
                continue;
            }

            foreach (var model in ModelsOf(backend))
            {
                var id = $"{backend.Name}/{model}";
                if (!draft.Pricing.ContainsKey(model) && !unpriced.Contains(id))
                {
                    unpriced.Add(id);
                }
            }
        }

        if (unpriced.Count > 0)
        {
            node.Warning($"no price for {string.Join(", ", unpriced)}; their cost is reported as unknown (add pricing.<model>: {{input_per_million, output_per_million}})");
        }
    }

    /// <summary>Ollama and LM Studio run on your own hardware and the mock answers in-process: their answers cost nothing per token.</summary>
    public static bool IsPaid(BackendKind kind) => kind is not (BackendKind.Ollama or BackendKind.LMStudio or BackendKind.Mock);

    private static IEnumerable<string> ModelsOf(BackendConfig backend)
    {
        foreach (var model in backend.Models.Values)
        {
            yield return model;
        }

        foreach (var deployment in backend.Deployments.Values)
        {
            yield return deployment.Model ?? deployment.Deployment;
        }

        if (backend.EmbeddingModel is { } embedding)
        {
            yield return embedding;
        }
    }
}
