using Gateway.Backends;
using Gateway.Routing;

namespace Gateway.Exchange;

/// <summary>One finished attempt of a plan: where it went, how it ended and how long it took.</summary>
internal sealed record Attempt(Candidate Candidate, UpstreamFailure? Failure, TimeSpan Elapsed)
{
    /// <summary>One line for the client and the logs: <c>ollama http://host:11434 (llama3): connection refused after 3 ms</c>.</summary>
    public string Describe()
    {
        var outcome = Failure is null ? "ok" : Failure.StatusCode is int status && Failure.Kind is FailureKind.Status
            ? $"HTTP {status}: {Failure.Message}"
            : Failure.Message;
        return $"{Candidate.Backend.Name} {Candidate.Endpoint} ({Candidate.Model}): {outcome} after {Elapsed.TotalMilliseconds:0} ms";
    }
}
