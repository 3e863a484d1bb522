using System.Runtime.CompilerServices;
using System.Text;

namespace Gateway.Streaming;

/// <summary>Parses a <c>text/event-stream</c> body into events as they arrive (WHATWG server-sent events framing).</summary>
internal static class SseReader
{
    /// <summary>
    /// Yields each complete event. <see cref="SseEvent.Data"/> is a fresh array the caller may keep.
    /// Comments (<c>: ping</c>) and <c>id:</c>/<c>retry:</c> fields are skipped; an event cut off by the end of the stream is dropped.
    /// </summary>
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? name = null;
        byte[]? data = null;

        await foreach (var line in LineReader.ReadLinesAsync(stream, cancellationToken: cancellationToken))
        {
            if (line.IsEmpty)
            {
                if (data is not null)
                {
                    yield return new SseEvent(name, data);
                }

                name = null;
                data = null;
                continue;
            }

            var span = line.Span;
            if (span[0] == (byte)':')
            {
                continue;
            }

            var colon = span.IndexOf((byte)':');
            var field = colon < 0 ? span : span[..colon];
            var value = colon < 0 ? [] : span[(colon + 1)..];
            if (!value.IsEmpty && value[0] == (byte)' ')
            {
                value = value[1..];
            }

            if (field.SequenceEqual("data"u8))
            {
                data = data is null ? value.ToArray() : [.. data, (byte)'\n', .. value];
            }
            else if (field.SequenceEqual("event"u8))
            {
                name = Encoding.UTF8.GetString(value);
            }
        }
    }
}
