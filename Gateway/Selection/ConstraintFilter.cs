using Gateway.Configuration;

namespace Gateway.Selection;

/// <summary>
/// Applies a query's constraints one after another (backends, max_cost, min_speed, min_context). When nothing is left, the failure
/// says how many models each step kept and what the remaining models offered at the step that emptied the list.
/// </summary>
internal static class ConstraintFilter
{
    public static IReadOnlyList<ModelProfile> Apply(IReadOnlyList<ModelProfile> catalogue, SelectionConstraints constraints, out string? failure)
    {
        failure = null;
        var steps = new List<string>();
        var kept = catalogue;

        if (constraints.Backends is { } backends)
        {
            var backendsSeen = string.Join(", ", catalogue.Select(p => p.Backend).Distinct());
            kept = Step(kept, p => backends.Contains(p.Backend), $"backends [{string.Join(", ", backends)}]", steps,
                $"the catalogue has models of: {backendsSeen}", ref failure);
        }

        if (constraints.MaxCost is { } maxCost && failure is null)
        {
            var cheapest = kept.Count == 0 ? null : SelectorVocabulary.Name(kept.Min(p => p.Cost));
            kept = Step(kept, p => p.Cost <= maxCost, $"max_cost {SelectorVocabulary.Name(maxCost)}", steps,
                $"the cheapest of them costs {cheapest}", ref failure);
        }

        if (constraints.MinSpeed is { } minSpeed && failure is null)
        {
            var fastest = kept.Count == 0 ? null : SelectorVocabulary.Name(kept.Max(p => p.Speed));
            kept = Step(kept, p => p.Speed >= minSpeed, $"min_speed {SelectorVocabulary.Name(minSpeed)}", steps,
                $"the fastest of them is {fastest}", ref failure);
        }

        if (constraints.MinContext is { } minContext && failure is null)
        {
            var largest = kept.Count == 0 ? 0 : kept.Max(p => p.ContextWindow);
            kept = Step(kept, p => p.ContextWindow >= minContext, $"min_context {minContext}", steps,
                $"the largest context window among them is {largest} tokens", ref failure);
        }

        if (failure is not null)
        {
            failure = $"No model meets the constraints: of {catalogue.Count} models in the catalogue, {string.Join(", then ", steps)}; {failure}. Loosen that constraint.";
        }

        return failure is null ? kept : [];
    }

    private static List<ModelProfile> Step(
        IReadOnlyList<ModelProfile> models, Func<ModelProfile, bool> keep, string label, List<string> steps, string hint, ref string? failure)
    {
        var kept = models.Where(keep).ToList();
        steps.Add($"{label} keeps {kept.Count}");
        if (kept.Count == 0)
        {
            failure = hint;
        }

        return kept;
    }
}
