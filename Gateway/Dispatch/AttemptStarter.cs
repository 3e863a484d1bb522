using Gateway.Backends;
using Gateway.Routing;

namespace Gateway.Dispatch;

/// <summary>
/// The part every attempt shares: refuse early when the backend has no key, send, and turn a non-2xx answer into a failure.
/// </summary>
internal sealed class AttemptStarter(UpstreamClient upstream)
{
    /// <summary>
    /// Sends the request <paramref name="build"/> makes for <paramref name="candidate"/>. On success the caller owns the response;
    /// a non-2xx answer is read (bounded) and disposed here.
    /// </summary>
    public async Task<Outcome<HttpResponseMessage>> StartAsync(
        Candidate candidate,
        IBackendProtocol protocol,
        Func<HttpRequestMessage> build,
        CancellationToken attemptToken,
        CancellationToken clientAborted)
    {
        if (candidate.Backend.RequiresApiKey && string.IsNullOrEmpty(candidate.ApiKey))
        {
            return new UpstreamFailure
            {
                Kind = FailureKind.MissingKey,
                Message = $"No API key provided for backend '{candidate.Backend.Name}': {candidate.Backend.ApiKeyHint}",
            };
        }

        using var request = build();
        var sent = await upstream.SendAsync(request, attemptToken, clientAborted);
        if (!sent.IsSuccess)
        {
            return sent;
        }

        var response = sent.Value!;
        if (response.IsSuccessStatusCode)
        {
            return sent;
        }

        using (response)
        {
            try
            {
                return await protocol.ReadFailureAsync(response, attemptToken);
            }
            catch (OperationCanceledException) when (!clientAborted.IsCancellationRequested)
            {
                return new UpstreamFailure { Kind = FailureKind.Timeout, StatusCode = (int)response.StatusCode, Message = $"HTTP {(int)response.StatusCode}, and its body did not arrive in time" };
            }
        }
    }
}
