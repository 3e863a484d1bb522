using Gateway.Configuration;

namespace Gateway.Backends;

/// <summary>
/// One wire protocol (OpenAI-compatible, Azure OpenAI, Anthropic Messages, Ollama native): what every protocol can do. What a
/// protocol offers beyond it is a capability of its own (<see cref="IChatProtocol"/>, <see cref="IEmbeddingsProtocol"/>). A protocol
/// builds upstream requests and reads answers; it never sends anything itself: the dispatcher owns the HTTP client, timeouts,
/// retries and fallback.
/// </summary>
internal interface IBackendProtocol
{
    /// <summary>The backend kinds this protocol serves.</summary>
    IReadOnlyList<BackendKind> Kinds { get; }

    /// <summary>Reads a non-2xx answer (body bounded in size) into a failure with the upstream's message and retry hint.</summary>
    Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken);

    /// <summary>A request that proves the endpoint is reachable and the key accepted without spending tokens (model listing).</summary>
    HttpRequestMessage CreateReadinessProbe(BackendConfig backend, string endpoint, string? apiKey);
}
