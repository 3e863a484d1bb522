using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Gateway.Backends;

namespace Gateway.Surfaces;

/// <summary>
/// Frames named server-sent events (Anthropic Messages, OpenAI Responses): <c>event: {type}</c>, <c>data: {json}</c> whose <c>type</c> repeats the name, a blank
/// line. The JSON is written straight into the response body, one event at a time.
/// </summary>
internal static class NamedEventWriter
{
    private static ReadOnlySpan<byte> EventPrefix => "event: "u8;
    private static ReadOnlySpan<byte> DataPrefix => "\ndata: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;

    /// <summary>
    /// Starts event <paramref name="type"/> and its data object, whose <c>type</c> is written; the caller adds the rest and hands the
    /// writer to <see cref="End"/>.
    /// </summary>
    public static Utf8JsonWriter Begin(PipeWriter body, string type)
    {
        Prefix(body, type);
        var json = new Utf8JsonWriter(body, WireJson.Writer);
        json.WriteStartObject();
        json.WriteString("type", type);
        return json;
    }

    /// <summary>Closes the data object begun by <see cref="Begin"/> and the event.</summary>
    public static void End(PipeWriter body, Utf8JsonWriter json)
    {
        json.WriteEndObject();
        json.Dispose(); // flushes into the body
        body.Write(EventEnd);
    }

    /// <summary>An event whose data is already serialized.</summary>
    public static void Raw(PipeWriter body, string type, ReadOnlySpan<byte> data)
    {
        Prefix(body, type);
        body.Write(data);
        body.Write(EventEnd);
    }

    private static void Prefix(PipeWriter body, string type)
    {
        body.Write(EventPrefix);
        var name = body.GetSpan(Encoding.UTF8.GetMaxByteCount(type.Length));
        body.Advance(Encoding.UTF8.GetBytes(type, name));
        body.Write(DataPrefix);
    }
}
