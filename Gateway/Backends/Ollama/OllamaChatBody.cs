using System.Buffers;
using System.Text.Json;
using Gateway.Backends.OpenAI;
using Gateway.Routing;

namespace Gateway.Backends.Ollama;

/// <summary>
/// Translates an OpenAI chat request into Ollama's <c>/api/chat</c> body:
/// <c>{model, messages, stream, options, tools?, format?}</c>. <c>stream</c> is always explicit because Ollama streams by default.
/// </summary>
internal static class OllamaChatBody
{
    /// <exception cref="UnsupportedRequestException">The request holds something Ollama cannot take (an image by URL, audio, n &gt; 1).</exception>
    public static ReadOnlyMemory<byte> Write(ChatRequest request, Candidate candidate)
    {
        RejectSeveralChoices(request);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteString("model", candidate.Model);
            json.WritePropertyName("messages");
            OllamaMessages.Write(json, request.Messages);
            json.WriteBoolean("stream", request.Stream);
            WriteOptions(json, request, candidate);
            WriteTools(json, request);
            WriteFormat(json, request);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    /// <summary>Ollama answers one choice per request; asking for more would silently get one.</summary>
    private static void RejectSeveralChoices(ChatRequest request)
    {
        if (request.TryGet("n", out var n) && n.ValueKind == JsonValueKind.Number && (!n.TryGetInt32(out var count) || count != 1))
        {
            throw new UnsupportedRequestException("Ollama returns one choice per request; send n = 1 or leave n out", "n");
        }
    }

    private static void WriteOptions(Utf8JsonWriter json, ChatRequest request, Candidate candidate)
    {
        json.WriteStartObject("options");
        if (request.Temperature is { } temperature)
        {
            json.WriteNumber("temperature", temperature);
        }

        if (request.MaxTokens is { } maxTokens)
        {
            json.WriteNumber("num_predict", maxTokens);
        }

        // Without num_ctx Ollama uses its own default window and silently drops the start of longer prompts.
        if (candidate.ContextWindow is { } contextWindow)
        {
            json.WriteNumber("num_ctx", contextWindow);
        }

        CopyNumber(json, request, "top_p", "top_p");
        if (request.TryGet("stop", out var stop))
        {
            json.WriteStartArray("stop");
            if (stop.ValueKind == JsonValueKind.Array)
            {
                foreach (var sequence in stop.EnumerateArray())
                {
                    sequence.WriteTo(json);
                }
            }
            else
            {
                stop.WriteTo(json);
            }

            json.WriteEndArray();
        }

        CopyNumber(json, request, "seed", "seed");
        CopyNumber(json, request, "frequency_penalty", "frequency_penalty");
        CopyNumber(json, request, "presence_penalty", "presence_penalty");
        json.WriteEndObject();
    }

    private static void CopyNumber(Utf8JsonWriter json, ChatRequest request, string from, string to)
    {
        if (request.TryGet(from, out var value) && value.ValueKind == JsonValueKind.Number)
        {
            json.WritePropertyName(to);
            value.WriteTo(json);
        }
    }

    /// <summary>Tool definitions have the same shape in both protocols. <c>tool_choice: "none"</c> is honoured by sending no tools.</summary>
    private static void WriteTools(Utf8JsonWriter json, ChatRequest request)
    {
        if (!request.TryGet("tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0)
        {
            return;
        }

        if (request.TryGet("tool_choice", out var choice) && choice.ValueKind == JsonValueKind.String && choice.ValueEquals("none"))
        {
            return;
        }

        json.WritePropertyName("tools");
        tools.WriteTo(json);
    }

    /// <summary><c>json_object</c> → <c>format: "json"</c>; <c>json_schema</c> → <c>format: &lt;schema&gt;</c>.</summary>
    private static void WriteFormat(Utf8JsonWriter json, ChatRequest request)
    {
        if (!request.TryGet("response_format", out var format)
            || format.ValueKind != JsonValueKind.Object
            || !format.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String)
        {
            return;
        }

        if (type.ValueEquals("json_schema")
            && format.TryGetProperty("json_schema", out var jsonSchema)
            && jsonSchema.ValueKind == JsonValueKind.Object
            && jsonSchema.TryGetProperty("schema", out var schema)
            && schema.ValueKind == JsonValueKind.Object)
        {
            json.WritePropertyName("format");
            schema.WriteTo(json);
        }
        else if (type.ValueEquals("json_object") || type.ValueEquals("json_schema"))
        {
            json.WriteString("format", "json");
        }
    }
}
