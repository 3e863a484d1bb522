using Gateway.Backends;
using Gateway.Routing;

namespace Gateway.Dispatch;

/// <summary>A try for a whole, non-streamed chat answer.</summary>
internal sealed class ChatCompletionOperation(ChatRequest request, BackendProtocols protocols) : IUpstreamOperation<ChatCompletion>
{
    public string Name => ChatDispatcher.Operation;

    public string? RequestedModel => request.Model;

    public string Awaited => "complete answer";

    public IBackendProtocol ProtocolOf(Candidate candidate) => protocols.Chat(candidate.Backend.Kind);

    public HttpRequestMessage Build(Candidate candidate) => protocols.Chat(candidate.Backend.Kind).CreateChatRequest(request, candidate);

    public async Task<Outcome<ChatCompletion>> ReadAsync(HttpResponseMessage response, UpstreamTry attempt, CancellationToken cancellationToken)
    {
        using (response)
        {
            return await protocols.Chat(attempt.Candidate.Backend.Kind).ReadChatCompletionAsync(response, request, attempt.Candidate, cancellationToken);
        }
    }
}
