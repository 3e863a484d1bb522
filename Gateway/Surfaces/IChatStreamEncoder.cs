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
}
