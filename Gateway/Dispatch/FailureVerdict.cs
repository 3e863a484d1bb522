using System.Text;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;

namespace Gateway.Dispatch;

/// <summary>
/// Turns the attempts of a plan that never succeeded into the one error the client gets. When every attempt failed the same way
/// on the client's side of things (no key, wrong key, unknown model) the client hears that status; otherwise 502 when an upstream
/// answered badly, 504 when time ran out, 429 when every upstream tried was rate limited (with the soonest <c>Retry-After</c>), 503
/// when nothing could be reached, everything was overloaded or every endpoint is cooling down (with <c>Retry-After</c>). A prompt every upstream refused as too long is the client's 400 <c>context_length_exceeded</c>.
/// The message lists every attempt, then every candidate skipped and why.
/// </summary>
internal static class FailureVerdict
{
    /// <param name="coolingFor">When candidates were skipped because they cool down: how long until the first is back.</param>
    public static ApiError From(IReadOnlyList<Attempt> attempts, IReadOnlyList<string> notes, TimeSpan? coolingFor = null)
    {
        var failures = attempts.Where(a => a.Failure is not null).Select(a => a.Failure!).ToList();
        var message = Describe(attempts, notes);
        if (failures.Count == 0)
        {
            return new ApiError(503, message, null, "upstream_unavailable") { RetryAfter = coolingFor ?? TimeSpan.FromSeconds(1) };
        }

        if (InTheUpstreamsWords(failures, message) is { } verbatim)
        {
            return verbatim;
        }

        if (failures.TrueForAll(FailureClass.IsContextLengthExceeded))
        {
            return new ApiError(400, message, "messages", "context_length_exceeded");
        }

        if (failures.Count > 0 && SameClientSideStatus(failures) is int status)
        {
            var code = status switch
            {
                404 => "model_not_found",
                403 => "permission_denied",
                _ => failures.All(f => f.Kind is FailureKind.MissingKey) ? "missing_api_key" : "invalid_api_key",
            };
            var hint = status == 404 ? " List the models this gateway serves with GET /v1/models." : string.Empty;
            return new ApiError(status, message + hint, "model", code);
        }

        if (failures.TrueForAll(IsRateLimited))
        {
            // Every candidate tried said "too many requests": the client hears it as such, with the soonest wait, so its SDK backs off.
            var soonest = failures.Min(f => f.RetryAfter);
            soonest = soonest is { } wait && coolingFor is { } back && back < wait ? back : soonest ?? coolingFor;
            return new ApiError(429, message, null, "rate_limit_exceeded") { RetryAfter = soonest ?? TimeSpan.FromSeconds(1) };
        }

        var retryAfter = failures.Max(f => f.RetryAfter);
        if (failures.Any(IsBadAnswer))
        {
            return new ApiError(502, message, null, "upstream_error") { RetryAfter = retryAfter };
        }

        if (failures.Any(f => f.Kind is FailureKind.Timeout))
        {
            return new ApiError(504, message, null, "upstream_timeout") { RetryAfter = retryAfter };
        }

        return new ApiError(503, message, null, "upstream_unavailable") { RetryAfter = retryAfter ?? coolingFor ?? TimeSpan.FromSeconds(1) };
    }

    /// <summary>
    /// When every try was answered with the same status by an upstream that speaks the client's protocol, the client gets that status
    /// and the last upstream's own error body (Anthropic's <c>overloaded_error</c> as 529, say), as if it had called the upstream itself.
    /// </summary>
    private static ApiError? InTheUpstreamsWords(List<UpstreamFailure> failures, string message)
    {
        var last = failures[^1];
        if (last.WireError is null || last.StatusCode is not int status || !failures.TrueForAll(f => f.WireError is not null && f.StatusCode == status))
        {
            return null;
        }

        var wait = status == 429 ? failures.Min(f => f.RetryAfter) : failures.Max(f => f.RetryAfter);
        return new ApiError(status, message, last.Param, last.Code) { WireError = last.WireError, RetryAfter = wait };
    }

    private static int? SameClientSideStatus(List<UpstreamFailure> failures)
    {
        int? status = null;
        foreach (var failure in failures)
        {
            int? current = failure.Kind switch
            {
                FailureKind.MissingKey => 401,
                FailureKind.Status when failure.StatusCode is 401 or 403 or 404 => failure.StatusCode,
                _ => null,
            };
            if (current is null || (status is not null && status != current))
            {
                return null;
            }

            status = current;
        }

        return status;
    }

    private static bool IsRateLimited(UpstreamFailure failure) => failure.Kind is FailureKind.Status && failure.StatusCode == 429;

    private static bool IsBadAnswer(UpstreamFailure failure) =>
        failure.Kind is FailureKind.Protocol
        || (failure.Kind is FailureKind.Status && failure.StatusCode is not (429 or 503 or 529));

    private static string Describe(IReadOnlyList<Attempt> attempts, IReadOnlyList<string> notes)
    {
        if (attempts.Count == 0)
        {
            var none = new StringBuilder("No upstream could be tried:");
            foreach (var note in notes)
            {
                none.Append("\n- ").Append(note);
            }

            return none.ToString();
        }

        if (attempts.Count == 1 && notes.Count == 0)
        {
            var only = attempts[0];
            return only.Failure!.Kind is FailureKind.MissingKey
                ? only.Failure.Message
                : $"Backend '{only.Candidate.Backend.Name}' failed: {only.Describe()}";
        }

        var text = new StringBuilder($"All {attempts.Count} attempts failed:");
        foreach (var attempt in attempts)
        {
            text.Append("\n- ").Append(attempt.Describe());
        }

        foreach (var note in notes)
        {
            text.Append("\n- ").Append(note);
        }

        return text.ToString();
    }
}
