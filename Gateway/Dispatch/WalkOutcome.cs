using Gateway.Exchange;
using Gateway.Routing;

namespace Gateway.Dispatch;

/// <summary>How a walk through a plan ended: the answer and who gave it, or the one error for the client and who was tried last.</summary>
internal readonly record struct WalkOutcome<TAnswer>(TAnswer? Answer, ApiError? Error, Candidate? Candidate)
{
    public bool IsSuccess => Error is null;
}
