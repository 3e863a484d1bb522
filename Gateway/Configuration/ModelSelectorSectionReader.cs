namespace Gateway.Configuration;

/// <summary>Reads <c>model_selector:</c> (<c>enabled</c>, <c>weights</c>); omitted weights keep their defaults.</summary>
internal static class ModelSelectorSectionReader
{
    private static readonly string[] Keys = ["enabled", "weights"];
    private static readonly string[] WeightKeys = ["context_window", "speed", "cost", "quality", "specialization"];

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
        };
    }
}
