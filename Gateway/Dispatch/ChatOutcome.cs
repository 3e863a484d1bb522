using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Routing;

namespace Gateway.Dispatch;

/// <summary>How a non-streamed dispatch ended: the answer and who gave it, or the one error for the client.</summary>
internal sealed record ChatOutcome(ChatCompletion? Completion, ApiError? Error, Candidate? Candidate, int Attempts)
{
    public bool IsSuccess => Completion is not null;

    /// <summary>What was dropped from the prompt to fit a context window (<c>truncate_prompts</c>); null when nothing was.</summary>
    public string? Truncation { get; init; }
}
