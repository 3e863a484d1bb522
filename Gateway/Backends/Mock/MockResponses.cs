using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.Configuration;

namespace Gateway.Backends.Mock;

/// <summary>The HTTP answers the mock composes: JSON bodies, OpenAI-shaped errors, the model list and paced event streams.</summary>
internal static class MockResponses
{
    public static HttpResponseMessage Json(int status, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(UpstreamRequest.Json);
        return new HttpResponseMessage((HttpStatusCode)status) { Content = content };
    }

    /// <summary><c>{"error":{"message","type","param":null,"code"}}</c>, as OpenAI words its errors.</summary>
    public static HttpResponseMessage Error(int status, string type, string message, string? code = null) => Json(status, Write(json =>
    {
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteString("type", type);
        json.WriteNull("param");
        if (code is null)
        {
            json.WriteNull("code");
        }
        else
        {
            json.WriteString("code", code);
        }

        json.WriteEndObject();
    }));

    /// <summary>The section's models in OpenAI's list shape, each <c>owned_by: "mock"</c>.</summary>
    public static HttpResponseMessage Models(BackendConfig backend) => Json(200, Write(json =>
    {
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var model in backend.Models.Values.Append(backend.EmbeddingModel))
        {
            if (model is not null && seen.Add(model))
            {
                json.WriteStartObject();
                json.WriteString("id", model);
                json.WriteString("object", "model");
                json.WriteNumber("created", 0);
                json.WriteString("owned_by", BackendNames.Mock);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }));

    /// <summary>An event stream of <paramref name="frames"/> (each a complete <c>data: …\n\n</c>), paused between frames.</summary>
    public static HttpResponseMessage EventStream(IReadOnlyList<byte[]> frames, TimeSpan pause, TimeProvider time)
    {
        var content = new StreamContent(new PacedStream(frames, pause, time));
        content.Headers.ContentType = new MediaTypeHeaderValue(UpstreamRequest.EventStream);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>A JSON object whose properties <paramref name="body"/> writes.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
