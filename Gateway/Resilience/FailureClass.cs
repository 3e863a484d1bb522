using Gateway.Backends;

namespace Gateway.Resilience;

/// <summary>
/// How the resilience layer reads a failed attempt: worth a retry on the same endpoint, a mark against the endpoint's health, a reason
/// to cool it down at once, or a prompt too long for the model.
/// </summary>
internal static class FailureClass
{
    /// <summary>
    /// Retry the same endpoint: connection refused or reset, DNS failure, timeouts, and 408, 429, 500, 502, 503, 504, 529, whether as
    /// a status or as an error event before the first token. Garbage (HTML, truncated JSON) is not retried: it would come again.
    /// </summary>
    public static bool IsTransient(UpstreamFailure failure) => failure.Kind switch
    {
        FailureKind.Connect or FailureKind.Timeout => true,
        FailureKind.Status => failure.StatusCode is 408 or 429 or 500 or 502 or 503 or 504 or 529,
        _ => false,
    };

    /// <summary>Counts toward the endpoint's consecutive failures: everything transient, and answers that are not its protocol.</summary>
    public static bool CountsAgainstEndpoint(UpstreamFailure failure) => IsTransient(failure) || failure.Kind is FailureKind.Protocol;

    /// <summary>The endpoint says it is overloaded or rate limited (429, 529): it leaves the pool at once.</summary>
    public static bool IsOverloaded(UpstreamFailure failure) => failure.Kind is FailureKind.Status && failure.StatusCode is 429 or 529;

    /// <summary>The upstream refused the prompt as longer than the model's context window: a larger model may still take it.</summary>
    public static bool IsContextLengthExceeded(UpstreamFailure failure) =>
        failure.Kind is FailureKind.Status && failure.StatusCode is 400 or 413
        && (failure.Code is "context_length_exceeded"
            || failure.Message.Contains("maximum context length", StringComparison.OrdinalIgnoreCase)
            || failure.Message.Contains("context window", StringComparison.OrdinalIgnoreCase)
            || failure.Message.Contains("prompt is too long", StringComparison.OrdinalIgnoreCase));

    /// <summary>The request itself is at fault (400, 413, 422) and no other backend would do better; a too-long prompt is not.</summary>
    public static bool StopsThePlan(UpstreamFailure failure) => failure.IsClientError && !IsContextLengthExceeded(failure);
}
