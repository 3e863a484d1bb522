using Gateway.Routing;

namespace Gateway.Backends;

/// <summary>A protocol's chat: the upstream request from the normalized request, and its answers back in OpenAI's shapes.</summary>
internal interface IChatProtocol : IBackendProtocol
{
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

    /// <summary>
    /// The chat that forwards a request of the client's <paramref name="protocol"/> (<see cref="NativeRequest"/>) as it was sent and
    /// answers in it unchanged, when backends of <paramref name="kind"/> speak that protocol themselves; null when they do not (the
    /// request is translated).
    /// </summary>
    IChatProtocol? NativeChat(string protocol, Configuration.BackendKind kind) => null;
}
