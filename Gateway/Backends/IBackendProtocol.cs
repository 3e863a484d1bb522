using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Backends;

/// <summary>
/// One wire protocol (OpenAI-compatible, Azure OpenAI, Anthropic Messages, Ollama native). It builds upstream requests from the
/// normalized request and turns upstream answers back into OpenAI's shapes. It never sends anything itself: the dispatcher owns
/// the HTTP client, timeouts, retries and fallback.
/// </summary>
internal interface IBackendProtocol
{
    /// <summary>The backend kinds this protocol serves.</summary>
    IReadOnlyList<BackendKind> Kinds { get; }

    /// <summary>The upstream chat request for <paramref name="candidate"/>, auth headers included.</summary>
    HttpRequestMessage CreateChatRequest(ChatRequest request, Candidate candidate);

    /// <summary>Reads a successful (2xx) non-streamed answer into OpenAI's <c>chat.completion</c> shape.</summary>
    Task<Outcome<ChatCompletion>> ReadChatCompletionAsync(HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken);

    /// <summary>
    /// Reads a successful (2xx) streamed answer as OpenAI chunks, one per upstream event, as each arrives (never buffered).
    /// The upstream's own terminator (<c>[DONE]</c>, <c>done:true</c>, <c>message_stop</c>) ends the sequence and is not yielded;
    /// an in-stream error or a stream cut before its terminator yields one <see cref="ChatChunk.Failure"/> chunk and ends.
    /// </summary>
    IAsyncEnumerable<ChatChunk> ReadChatStreamAsync(HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken);

    /// <summary>Reads a non-2xx answer (body bounded in size) into a failure with the upstream's message and retry hint.</summary>
    Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken);

    /// <summary>The upstream embeddings request, or null when this backend has no embeddings API.</summary>
    HttpRequestMessage? CreateEmbeddingsRequest(EmbeddingsRequest request, Candidate candidate);

    /// <summary>Reads a successful embeddings answer into OpenAI's list shape (honouring <c>encoding_format</c>).</summary>
    Task<Outcome<EmbeddingsResult>> ReadEmbeddingsAsync(HttpResponseMessage response, EmbeddingsRequest request, Candidate candidate, CancellationToken cancellationToken);

    /// <summary>A request that proves the endpoint is reachable and the key accepted without spending tokens (model listing).</summary>
    HttpRequestMessage CreateReadinessProbe(BackendConfig backend, string endpoint, string? apiKey);
}
