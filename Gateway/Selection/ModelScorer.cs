using Gateway.Configuration;

namespace Gateway.Selection;

/// <summary>
/// Scores a model for a task. Each trait becomes a sub-score from 0 to 1, and the configured <c>model_selector.weights</c> say how much
/// each counts: score = 100 × Σ(weight × sub-score) / Σ weights.
/// <list type="bullet">
/// <item>context window: on a log scale from 2k tokens (0) to 16k (1), or to 128k (1) when the task needs a long context;</item>
/// <item>speed: very-fast 1, fast 0.75, medium 0.5, slow 0.25; cost: free 1, low ⅔, medium ⅓, high 0; quality: excellent 1, good ⅔, fair ⅓;</item>
/// <item>specialization: the share of the task's needs the model's specializations meet; 0.5 for every model when no need was read.</item>
/// </list>
/// </summary>
internal static class ModelScorer
{
    public const int SmallestWindow = 2_048;
    public const int EnoughWindow = 16_384;
    public const int LongWindow = 131_072;

    /// <summary>The specialization sub-score when the task reveals no need: the same for every model, so it does not reorder them.</summary>
    public const double NoNeedSpecialization = 0.5;

    public static ScoreBreakdown Score(ModelProfile model, IReadOnlyList<TaskNeed> needs, SelectorWeights weights)
    {
        var sum = weights.ContextWindow + weights.Speed + weights.Cost + weights.Quality + weights.Specialization;
        if (sum <= 0)
        {
            return new ScoreBreakdown(0, 0, 0, 0, 0);
        }

        var scale = 100 / sum;
        return new ScoreBreakdown(
            scale * weights.ContextWindow * ContextScore(model.ContextWindow, needs.Contains(TaskNeed.LongContext)),
            scale * weights.Speed * SpeedScore(model.Speed),
            scale * weights.Cost * CostScore(model.Cost),
            scale * weights.Quality * QualityScore(model.Quality),
            scale * weights.Specialization * SpecializationScore(model.Specializations, needs));
    }

    public static double ContextScore(int window, bool longContext)
    {
        var enough = longContext ? LongWindow : EnoughWindow;
        var score = Math.Log2((double)window / SmallestWindow) / Math.Log2((double)enough / SmallestWindow);
        return Math.Clamp(score, 0, 1);
    }

    public static double SpeedScore(SpeedTier speed) => ((int)speed + 1) / 4.0;

    public static double CostScore(CostTier cost) => (3 - (int)cost) / 3.0;

    public static double QualityScore(QualityTier quality) => ((int)quality + 1) / 3.0;

    public static double SpecializationScore(IReadOnlyList<string> specializations, IReadOnlyList<TaskNeed> needs)
    {
        if (needs.Count == 0)
        {
            return NoNeedSpecialization;
        }

        var met = 0;
        foreach (var need in needs)
        {
            if (TaskNeeds.Meets(specializations, need))
            {
                met++;
            }
        }

        return (double)met / needs.Count;
    }
}
