using System.Runtime.CompilerServices;

namespace Gateway.Streaming;

/// <summary>Reads an <c>application/x-ndjson</c> body one JSON line at a time, as lines arrive.</summary>
internal static class NdjsonReader
{
    /// <summary>Yields each non-blank line. The memory is only valid until the next iteration.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var line in LineReader.ReadLinesAsync(stream, cancellationToken: cancellationToken))
        {
            if (!line.Span.Trim(" \t"u8).IsEmpty)
            {
                yield return line;
            }
        }
    }
}
