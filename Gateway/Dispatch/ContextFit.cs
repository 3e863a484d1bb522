using System.Globalization;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Routing;

namespace Gateway.Dispatch;

/// <summary>
/// Context-window fallback: candidates whose configured <c>context_windows</c> entry is smaller than the prompt's estimated size are left
/// out of the plan. When no candidate is left the prompt is either truncated to the largest window (<c>truncate_prompts</c>) or refused
/// with <c>400 context_length_exceeded</c> naming the estimate and the windows. Candidates without a known window always stay.
/// </summary>
internal static class ContextFit
{
    /// <summary>What to change for <paramref name="request"/>; null when every candidate can take the prompt as it is.</summary>
    public static FitResult? Check(ChatRequest request, IReadOnlyList<Candidate> candidates, bool truncate)
    {
        if (SmallestWindow(candidates) is not int smallest || TokenEstimator.UpperBound(request) <= smallest)
        {
            return null;
        }

        var sizes = new Dictionary<string, PromptSize>(StringComparer.Ordinal);
        var fitting = new List<Candidate>(candidates.Count);
        var notes = new List<string>();
        Candidate? widest = null;
        foreach (var candidate in candidates)
        {
            if (candidate.ContextWindow is not int window || window >= Measure(request, candidate, sizes).Total)
            {
                fitting.Add(candidate);
                continue;
            }

            notes.Add($"{candidate.Backend.Name} {candidate.Endpoint} ({candidate.Model}): skipped, the prompt (~{Measure(request, candidate, sizes).Total} tokens) exceeds its context window of {window}");
            if (widest is null || window > widest.ContextWindow)
            {
                widest = candidate;
            }
        }

        if (notes.Count == 0)
        {
            return null;
        }

        if (fitting.Count > 0)
        {
            return new FitResult { Candidates = fitting, Notes = notes };
        }

        var size = Measure(request, widest!, sizes);
        var largest = widest!.ContextWindow!.Value;
        if (!truncate)
        {
            return Refuse($"The prompt is about {size.Total} tokens (counted with {size.Method}), more than the context window of every candidate: "
                + $"{Windows(candidates)}. Shorten the conversation, choose a model with a larger context window, or set truncate_prompts: true.");
        }

        if (PromptTruncator.Plan(request.Messages, size, largest) is not { } keep)
        {
            return Refuse($"The prompt is about {size.Total} tokens, and even with every earlier turn dropped (system messages and the last message "
                + $"are always kept) it exceeds the largest context window, {largest} tokens of {widest.Backend.Name} {widest.Model}. Shorten the last message.");
        }

        var truncated = PromptTruncator.Apply(request, keep);
        var after = TokenEstimator.Measure(truncated, widest.Model).Total;
        var still = new List<Candidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (ReferenceEquals(candidate, widest) || TokenEstimator.Measure(truncated, candidate.Model).Total <= candidate.ContextWindow)
            {
                still.Add(candidate);
            }
        }

        var dropped = keep.Count(kept => !kept);
        return new FitResult
        {
            Candidates = still,
            Notes = [],
            Truncated = truncated,
            Truncation = string.Create(CultureInfo.InvariantCulture,
                $"dropped {dropped} of {keep.Length} messages; about {size.Total} -> {after} tokens for the context window of {largest} ({widest.Backend.Name} {widest.Model})"),
        };
    }

    private static int? SmallestWindow(IReadOnlyList<Candidate> candidates)
    {
        int? smallest = null;
        foreach (var candidate in candidates)
        {
            if (candidate.ContextWindow is int window && (smallest is null || window < smallest))
            {
                smallest = window;
            }
        }

        return smallest;
    }

    private static PromptSize Measure(ChatRequest request, Candidate candidate, Dictionary<string, PromptSize> sizes)
    {
        var method = TokenEstimator.MethodFor(candidate.Model);
        if (!sizes.TryGetValue(method, out var size))
        {
            size = TokenEstimator.Measure(request, candidate.Model);
            sizes[method] = size;
        }

        return size;
    }

    private static string Windows(IReadOnlyList<Candidate> candidates) =>
        string.Join(", ", candidates.Select(c => $"{c.Backend.Name} {c.Model} {c.ContextWindow}").Distinct());

    private static FitResult Refuse(string message) => new()
    {
        Candidates = [],
        Notes = [],
        Error = new ApiError(400, message, "messages", "context_length_exceeded"),
    };
}

/// <summary>The plan after the context-window check: the candidates left, why others were skipped, and a truncated prompt or an error.</summary>
internal sealed record FitResult
{
    public required IReadOnlyList<Candidate> Candidates { get; init; }

    /// <summary>One line per candidate skipped for its context window, for the final error message.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The prompt with its oldest turns dropped, when that was needed and allowed; owned by the caller.</summary>
    public ChatRequest? Truncated { get; init; }

    /// <summary>What truncation did, for the <c>x-gateway-truncated</c> header.</summary>
    public string? Truncation { get; init; }

    /// <summary>The 400 <c>context_length_exceeded</c> when the prompt fits nowhere.</summary>
    public ApiError? Error { get; init; }
}
