using Gateway.Routing;

namespace Gateway.Backends;

/// <summary>A protocol's embeddings API; protocols without one (Anthropic) do not implement it.</summary>
internal interface IEmbeddingsProtocol : IBackendProtocol
{
    /// <summary>The upstream embeddings request for <paramref name="candidate"/>.</summary>
    HttpRequestMessage CreateEmbeddingsRequest(EmbeddingsRequest request, Candidate candidate);

    /// <summary>Reads a successful embeddings answer into OpenAI's list shape (honouring <c>encoding_format</c>).</summary>
    Task<Outcome<EmbeddingsResult>> ReadEmbeddingsAsync(HttpResponseMessage response, EmbeddingsRequest request, Candidate candidate, CancellationToken cancellationToken);
}
