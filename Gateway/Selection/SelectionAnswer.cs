using Gateway.Configuration;

namespace Gateway.Selection;

/// <summary>The body of a successful <c>POST /select-model</c>.</summary>
internal sealed record SelectionAnswer(
    string Query,
    InterpretedTask Interpreted,
    WeightsAnswer Weights,
    int CatalogueSize,
    int Considered,
    IReadOnlyList<RecommendationAnswer> Recommendations,
    IReadOnlyList<string> Notes)
{
    public static SelectionAnswer From(SelectionQuery query, SelectionOutcome outcome, SelectorWeights weights) => new(
        query.Text,
        InterpretedTask.From(query, outcome.Reading),
        new WeightsAnswer(weights.ContextWindow, weights.Speed, weights.Cost, weights.Quality, weights.Specialization),
        outcome.CatalogueSize,
        outcome.Considered,
        [.. outcome.Recommendations.Select(RecommendationAnswer.From)],
        outcome.Notes);
}

/// <summary>What the selector took from the request: preferences (given or read from directives) and the task's needs.</summary>
internal sealed record InterpretedTask(string? Backend, string? Model, bool Local, IReadOnlyList<string> Needs, IReadOnlyList<string> Directives)
{
    public static InterpretedTask From(SelectionQuery query, TaskReading reading) => new(
        query.BackendPreference ?? reading.Backend,
        query.ModelPreference ?? reading.Model,
        reading.Local,
        [.. reading.Needs.Select(TaskNeeds.Name)],
        reading.Directives);
}

internal sealed record WeightsAnswer(double ContextWindow, double Speed, double Cost, double Quality, double Specialization);

internal sealed record RecommendationAnswer(
    int Rank,
    string Backend,
    string Model,
    string? ModelKey,
    double Score,
    WeightsAnswer Breakdown,
    TraitsAnswer Traits,
    string Reasoning)
{
    public static RecommendationAnswer From(Recommendation recommendation)
    {
        var profile = recommendation.Profile;
        var score = recommendation.Breakdown;
        return new RecommendationAnswer(
            recommendation.Rank,
            profile.Backend,
            profile.Model,
            profile.ModelKey,
            Round(score.Total),
            new WeightsAnswer(Round(score.ContextWindow), Round(score.Speed), Round(score.Cost), Round(score.Quality), Round(score.Specialization)),
            new TraitsAnswer(
                profile.ContextWindow,
                SelectorVocabulary.Name(profile.Speed),
                SelectorVocabulary.Name(profile.Cost),
                SelectorVocabulary.Name(profile.Quality),
                profile.Specializations),
            recommendation.Reasoning);
    }

    private static double Round(double points) => Math.Round(points, 2);
}

internal sealed record TraitsAnswer(int ContextWindow, string Speed, string Cost, string Quality, IReadOnlyList<string> Specializations);
