using Gateway.Backends;
using Gateway.Routing;

namespace Gateway.Dispatch;

/// <summary>A try for a whole, non-streamed chat answer.</summary>
internal sealed class ChatCompletionOperation(ChatRequest request, BackendProtocols protocols) : IUpstreamOperation<ChatCompletion>
{
    public string Name => ChatDispatcher.Operation;

    public string? RequestedModel => request.Model;

    public string Awaited => "complete answer";

    public IBackendProtocol ProtocolOf(Candidate candidate) => protocols.ChatFor(candidate.Backend.Kind, request);

    public HttpRequestMessage Build(Candidate candidate) => protocols.CreateChatRequest(request, candidate);

    public async Task<Outcome<ChatCompletion>> ReadAsync(HttpResponseMessage response, UpstreamTry attempt, CancellationToken cancellationToken)
    {
        using (response)
        {
            return await protocols.ChatFor(attempt.Candidate.Backend.Kind, request).ReadChatCompletionAsync(response, request, attempt.Candidate, cancellationToken);
        }
    }
}
