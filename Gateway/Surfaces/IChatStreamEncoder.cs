using System.IO.Pipelines;
using Gateway.Backends;
using Gateway.Exchange;

namespace Gateway.Surfaces;

/// <summary>Writes one stream's events in the client's protocol; the caller flushes.</summary>
internal interface IChatStreamEncoder
{
    /// <summary>One event that carries data.</summary>
    void WriteEvent(PipeWriter body, ChatChunk chunk);

    /// <summary>The end of a stream that completed.</summary>
    void WriteEnd(PipeWriter body);

    /// <summary>The error event that ends a stream which failed after it started.</summary>
    void WriteError(PipeWriter body, ApiError error);

    /// <summary>
    /// How long the upstream may be silent before the client is sent a keep-alive (<see cref="WriteKeepAlive"/>), for a protocol whose
    /// clients give up on a silent stream; null for one that has none.
    /// </summary>
    TimeSpan? KeepAliveAfter => null;

    /// <summary>An event that says the stream is alive and carries nothing (Anthropic's <c>ping</c>).</summary>
    void WriteKeepAlive(PipeWriter body)
    {
    }
}
