using Gateway.Backends;

namespace Gateway.Dispatch;

/// <summary>
/// The core of every try: refuse early when the backend has no key, send what the operation builds, read a non-2xx answer into a
/// failure (bounded, disposed here) and hand a 2xx answer to the operation.
/// </summary>
internal sealed class SendingCall(UpstreamClient upstream) : IUpstreamCall
{
    public async Task<Outcome<TAnswer>> CallAsync<TAnswer>(UpstreamTry attempt, IUpstreamOperation<TAnswer> operation, CancellationToken cancellationToken)
        where TAnswer : IUpstreamAnswer
    {
        var candidate = attempt.Candidate;
        if (candidate.Backend.RequiresApiKey && string.IsNullOrEmpty(candidate.ApiKey))
        {
            return new UpstreamFailure
            {
                Kind = FailureKind.MissingKey,
                Message = $"No API key provided for backend '{candidate.Backend.Name}': {candidate.Backend.ApiKeyHint}",
            };
        }

        HttpResponseMessage response;
        using (var request = operation.Build(candidate))
        {
            var sent = await upstream.SendAsync(request, cancellationToken, attempt.Aborted);
            if (!sent.IsSuccess)
            {
                return sent.Failure!;
            }

            response = sent.Value!;
        }

        if (response.IsSuccessStatusCode)
        {
            return await operation.ReadAsync(response, attempt, cancellationToken);
        }

        using (response)
        {
            try
            {
                return await operation.ProtocolOf(candidate).ReadFailureAsync(response, cancellationToken);
            }
            catch (OperationCanceledException) when (!attempt.Aborted.IsCancellationRequested)
            {
                return new UpstreamFailure { Kind = FailureKind.Timeout, StatusCode = (int)response.StatusCode, Message = $"HTTP {(int)response.StatusCode}, and its body did not arrive in time" };
            }
        }
    }
}
