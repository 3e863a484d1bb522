namespace Gateway.Selection;

/// <summary>
/// A model's score as the sum of what each weighted sub-score contributes, in points out of 100: a sub-score of 1 (the best) on a
/// weight that is 30% of all weights contributes 30 points.
/// </summary>
internal sealed record ScoreBreakdown(double ContextWindow, double Speed, double Cost, double Quality, double Specialization)
{
    public double Total => ContextWindow + Speed + Cost + Quality + Specialization;
}
