using System.Text;
using Gateway.Streaming;

namespace Gateway.Backends;

/// <summary>An upstream's server-sent event framed again for the client as it came: its name, its data bytes untouched, a blank line.</summary>
internal static class SseFrame
{
    private static ReadOnlySpan<byte> EventPrefix => "event: "u8;
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;

    public static byte[] Of(SseEvent sse)
    {
        var name = sse.Name is null ? 0 : EventPrefix.Length + Encoding.UTF8.GetByteCount(sse.Name) + 1;
        var frame = new byte[name + DataPrefix.Length + sse.Data.Length + 2];
        var span = frame.AsSpan();
        if (sse.Name is not null)
        {
            EventPrefix.CopyTo(span);
            var written = EventPrefix.Length + Encoding.UTF8.GetBytes(sse.Name, span[EventPrefix.Length..]);
            span[written] = (byte)'\n';
        }

        DataPrefix.CopyTo(span[name..]);
        sse.Data.Span.CopyTo(span[(name + DataPrefix.Length)..]);
        span[^2] = (byte)'\n';
        span[^1] = (byte)'\n';
        return frame;
    }
}
