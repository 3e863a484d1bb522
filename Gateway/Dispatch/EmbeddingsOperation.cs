using Gateway.Backends;
using Gateway.Routing;

namespace Gateway.Dispatch;

/// <summary>A try for embeddings; the dispatcher only plans candidates whose protocol has an embeddings API.</summary>
internal sealed class EmbeddingsOperation(EmbeddingsRequest request, BackendProtocols protocols) : IUpstreamOperation<EmbeddingsResult>
{
    public string Name => EmbeddingsDispatcher.Operation;

    public string? RequestedModel => request.Model;

    public string Awaited => "complete answer";

    public IBackendProtocol ProtocolOf(Candidate candidate) => Protocol(candidate);

    public HttpRequestMessage Build(Candidate candidate) => Protocol(candidate).CreateEmbeddingsRequest(request, candidate);

    public async Task<Outcome<EmbeddingsResult>> ReadAsync(HttpResponseMessage response, UpstreamTry attempt, CancellationToken cancellationToken)
    {
        using (response)
        {
            return await Protocol(attempt.Candidate).ReadEmbeddingsAsync(response, request, attempt.Candidate, cancellationToken);
        }
    }

    private IEmbeddingsProtocol Protocol(Candidate candidate) =>
        protocols.Embeddings(candidate.Backend.Kind)
        ?? throw new InvalidOperationException($"Backend kind {candidate.Backend.Kind} has no embeddings API; the dispatcher must not plan it.");
}
