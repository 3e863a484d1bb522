using Gateway.Backends;
using Gateway.Routing;

namespace Gateway.Api;

/// <summary>
/// The plan for a request no translation can carry (a document, a built-in tool): only its candidates whose backends speak the
/// client's protocol themselves, which receive it as sent; every other candidate is noted as skipped, with the reason.
/// </summary>
internal static class NativeOnlyPlan
{
    public static RoutePlan For(RoutePlan plan, BackendProtocols protocols, string protocol, string reason)
    {
        var kept = new List<Candidate>(plan.Candidates.Count);
        var notes = new List<string>(plan.Notes);
        foreach (var candidate in plan.Candidates)
        {
            if (protocols.SpeaksNatively(candidate.Backend.Kind, protocol))
            {
                kept.Add(candidate);
            }
            else if (!notes.Contains($"{candidate.Backend.Name} skipped: {reason}"))
            {
                notes.Add($"{candidate.Backend.Name} skipped: {reason}");
            }
        }

        return plan with { Candidates = kept, Notes = notes };
    }
}
