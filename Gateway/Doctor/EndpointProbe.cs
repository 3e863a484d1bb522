using Gateway.Backends;
using Gateway.Dispatch;

namespace Gateway.Doctor;

/// <summary>
/// Sends one endpoint's readiness probe (the protocol's model listing, with the key used there) within <see cref="Timeout"/>, and reads
/// the listing when the kind has one. Transport failures come back in the result, never as exceptions.
/// </summary>
internal sealed class EndpointProbe(BackendProtocols protocols, UpstreamClient upstream, TimeProvider time)
{
    /// <summary>The bound on one probe, headers and body together.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private const int ErrorTextLength = 160;

    public async Task<ProbeResult> ProbeAsync(EndpointTarget target, CancellationToken cancellationToken)
    {
        var protocol = protocols.For(target.Backend.Kind);
        var listing = ModelListings.For(target.Backend.Kind);
        using var request = protocol.CreateReadinessProbe(target.Backend, target.Url, target.ApiKey);
        listing?.AskForAll(request);
        var described = $"{request.Method} {request.RequestUri?.AbsolutePath}";

        var started = time.GetTimestamp();
        using var deadline = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var sent = await upstream.SendAsync(request, linked.Token, cancellationToken);
        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        if (!sent.IsSuccess)
        {
            return new ProbeResult { Request = described, ElapsedMs = elapsed, Unanswered = sent.Failure };
        }

        using var response = sent.Value!;
        var answered = new ProbeResult { Request = described, ElapsedMs = elapsed, Status = (int)response.StatusCode };
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                var failure = await protocol.ReadFailureAsync(response, linked.Token);
                return answered with { ErrorText = Shorten(failure.Message) };
            }

            if (listing is null)
            {
                return answered;
            }

            var body = await UpstreamBody.ReadAsync(response, UpstreamBody.MaxAnswerBytes, linked.Token);
            var listed = body is null ? null : listing.Read(body);
            return answered with { Listed = listed, NotAListing = body is not null && listed is null };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return answered with { Status = null, Unanswered = new UpstreamFailure { Kind = FailureKind.Timeout, Message = "the answer did not finish in time" } };
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            var cause = $"the connection broke while reading the answer: {UpstreamClient.Describe(e)}";
            return answered with { Status = null, Unanswered = new UpstreamFailure { Kind = FailureKind.Connect, Message = cause } };
        }
    }

    /// <summary>The first line of <paramref name="message"/>, cut to a readable length.</summary>
    private static string? Shorten(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var line = message.Trim().Split('\n', 2)[0].Trim();
        return line.Length <= ErrorTextLength ? line : string.Concat(line.AsSpan(0, ErrorTextLength), "…");
    }
}
