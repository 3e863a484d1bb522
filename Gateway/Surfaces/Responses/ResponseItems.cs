using System.Buffers;
using System.Text.Json;
using Gateway.Backends;

namespace Gateway.Surfaces.Responses;

/// <summary>The output items of a Response, each as its own JSON object: as the stream's events carry them and as the Response lists them.</summary>
internal static class ResponseItems
{
    /// <summary>A <c>reasoning</c> item whose summary is <paramref name="summary"/>; an empty summary list when it is null (the item just added).</summary>
    public static byte[] Reasoning(string id, string? summary) => Write(json =>
    {
        json.WriteString("id", id);
        json.WriteString("type", "reasoning");
        json.WriteStartArray("summary");
        if (summary is not null)
        {
            SummaryPart(json, summary);
        }

        json.WriteEndArray();
    });

    /// <summary>An assistant <c>message</c>; with no content parts when <paramref name="text"/> is null (the item just added).</summary>
    public static byte[] Message(string id, string status, string? text) => Write(json =>
    {
        json.WriteString("id", id);
        json.WriteString("type", "message");
        json.WriteString("status", status);
        json.WriteStartArray("content");
        if (text is not null)
        {
            TextPart(json, text);
        }

        json.WriteEndArray();
        json.WriteString("role", "assistant");
    });

    public static byte[] FunctionCall(string id, string status, string callId, string name, string arguments) => Write(json =>
    {
        json.WriteString("id", id);
        json.WriteString("type", "function_call");
        json.WriteString("status", status);
        json.WriteString("arguments", arguments);
        json.WriteString("call_id", callId);
        json.WriteString("name", name);
    });

    /// <summary>An <c>output_text</c> content part.</summary>
    public static void TextPart(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", "output_text");
        json.WriteStartArray("annotations");
        json.WriteEndArray();
        json.WriteStartArray("logprobs");
        json.WriteEndArray();
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>A <c>summary_text</c> part of a reasoning item.</summary>
    public static void SummaryPart(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("type", "summary_text");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
