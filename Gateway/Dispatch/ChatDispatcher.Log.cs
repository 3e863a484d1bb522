using Gateway.Exchange;

namespace Gateway.Dispatch;

internal sealed partial class ChatDispatcher
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Served by {Backend} {Endpoint} ({Model}) after {Attempts} attempt(s) in {ElapsedMs:0} ms")]
    private partial void LogServed(string backend, string endpoint, string model, int attempts, double elapsedMs);

    private void LogServed(Attempt attempt, int attempts) =>
        LogServed(attempt.Candidate.Backend.Name, attempt.Candidate.Endpoint, attempt.Candidate.Model, attempts, attempt.Elapsed.TotalMilliseconds);
}
