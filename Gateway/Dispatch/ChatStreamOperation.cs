using Gateway.Backends;
using Gateway.Routing;

namespace Gateway.Dispatch;

/// <summary>
/// A try for a streamed chat answer: send, then read up to the first event under the try's timeout. Once it has arrived the stream
/// is read with a token of its own (<see cref="UpstreamStream"/>), so the try's timeout no longer applies.
/// </summary>
internal sealed class ChatStreamOperation(ChatRequest request, BackendProtocols protocols, TimeProvider time) : IUpstreamOperation<UpstreamStream>
{
    public string Name => ChatDispatcher.Operation;

    public string? RequestedModel => request.Model;

    public string Awaited => "first event";

    public IBackendProtocol ProtocolOf(Candidate candidate) => protocols.ChatFor(candidate.Backend.Kind, request);

    public HttpRequestMessage Build(Candidate candidate) => protocols.CreateChatRequest(request, candidate);

    public async Task<Outcome<UpstreamStream>> ReadAsync(HttpResponseMessage response, UpstreamTry attempt, CancellationToken cancellationToken)
    {
        var stream = new UpstreamStream(response, attempt, time);
        try
        {
            var protocol = protocols.ChatFor(attempt.Candidate.Backend.Kind, request);
            if (await stream.OpenAsync(protocol.ReadChatStreamAsync(response, request, attempt.Candidate, stream.Token), cancellationToken) is { } early)
            {
                await stream.DisposeAsync();
                return early;
            }

            return Outcome<UpstreamStream>.Ok(stream);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }
}
