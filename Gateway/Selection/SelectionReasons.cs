using System.Globalization;
using System.Text;
using Gateway.Configuration;

namespace Gateway.Selection;

/// <summary>The words of the selector's answers: why each model ranks where it does, and notes on the whole answer.</summary>
internal static class SelectionReasons
{
    public static string Explain(ModelProfile profile, ScoreBreakdown score, IReadOnlyList<TaskNeed> needs, string? matchedBackend, string? matchedModel)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{profile.Backend}/{profile.Model}");
        if (profile.ModelKey is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" (model key '{profile.ModelKey}')");
        }

        if (matchedModel is not null || matchedBackend is not null)
        {
            var what = matchedModel is not null && matchedBackend is not null ? $"model '{matchedModel}' on {matchedBackend}"
                : matchedModel is not null ? $"model '{matchedModel}'"
                : matchedBackend;
            text.Append(CultureInfo.InvariantCulture, $" matches the requested {what}");
        }

        text.Append(CultureInfo.InvariantCulture, $"; scores {Points(score.Total)} of 100");
        text.Append(CultureInfo.InvariantCulture, $": {SelectorVocabulary.Name(profile.Speed)} speed, {SelectorVocabulary.Name(profile.Quality)} quality, ");
        text.Append(CultureInfo.InvariantCulture, $"{SelectorVocabulary.Name(profile.Cost)} cost, {profile.ContextWindow} tokens of context ({ContextSource(profile.ContextSource)})");
        text.Append(CultureInfo.InvariantCulture, $". Best for {string.Join(", ", profile.Specializations)}");
        if (needs.Count > 0)
        {
            var met = needs.Where(need => TaskNeeds.Meets(profile.Specializations, need)).Select(TaskNeeds.Name).ToList();
            var needNames = string.Join(", ", needs.Select(TaskNeeds.Name));
            text.Append(met.Count > 0
                ? $"; meets {string.Join(", ", met)} of the task's needs ({needNames})"
                : $"; meets none of the task's needs ({needNames})");
        }

        return text.Append('.').ToString();
    }

    /// <summary>What the ranking could not honour: a preferred backend or model none of the considered models matches.</summary>
    public static string[] Notes(string? backend, bool backendMatched, bool backendInCatalogue, string? model, bool modelMatched, bool constrained)
    {
        var notes = new List<string>();
        if (backend is not null && !backendMatched)
        {
            notes.Add(backendInCatalogue
                ? $"No model of backend '{backend}' meets the constraints; the ranking ignores that preference."
                : $"Backend '{backend}' names no model (add model keys under llm.{backend}.models); the ranking ignores that preference.");
        }

        if (model is not null && !modelMatched)
        {
            notes.Add(constrained
                ? $"No model matching '{model}' meets the constraints; the ranking ignores that preference."
                : $"No configured model matches '{model}'; the ranking ignores that preference.");
        }

        return [.. notes];
    }

    public static string Points(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string ContextSource(string source) => source switch
    {
        "model_selector" => "from model_selector.models",
        "context_windows" => "from context_windows",
        "known" => "known for this model family",
        _ => "assumed",
    };
}
