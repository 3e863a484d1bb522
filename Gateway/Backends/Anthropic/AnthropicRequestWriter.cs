using System.Buffers;
using System.Text.Json;

namespace Gateway.Backends.Anthropic;

/// <summary>
/// Turns an OpenAI chat-completions request into a Messages API body (<c>POST /v1/messages</c>). Fields the Messages API has no
/// counterpart for (penalties, logprobs, seed) are left out; fields it cannot express at all throw <see cref="UnsupportedRequestException"/>.
/// </summary>
internal static class AnthropicRequestWriter
{
    /// <summary><c>max_tokens</c> is required by Anthropic; this is sent when neither the request nor the tool/global defaults set one.</summary>
    public const int DefaultMaxTokens = 4096;

    public static byte[] Write(ChatRequest request, string model)
    {
        try
        {
            return WriteBody(request, model);
        }
        catch (InvalidOperationException)
        {
            // JsonElement throws this when a field holds another JSON kind than OpenAI's schema gives it (a number where a string belongs).
            throw new UnsupportedRequestException("the request has a field whose JSON type differs from OpenAI's chat completions schema");
        }
    }

    private static byte[] WriteBody(ChatRequest request, string model)
    {
        RejectSeveralChoices(request);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteNumber("max_tokens", request.MaxTokens ?? DefaultMaxTokens);
            if (AnthropicSystemPrompt.From(request) is { } system)
            {
                json.WriteString("system", system);
            }

            AnthropicMessagesWriter.Write(json, request.Messages);
            WriteSampling(json, request);
            WriteStopSequences(json, request);
            if (request.Stream)
            {
                json.WriteBoolean("stream", true);
            }

            if (request.TryGet("user", out var user) && user.ValueKind == JsonValueKind.String)
            {
                json.WriteStartObject("metadata");
                json.WriteString("user_id", user.GetString());
                json.WriteEndObject();
            }

            AnthropicToolsWriter.Write(json, request);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void RejectSeveralChoices(ChatRequest request)
    {
        if (request.TryGet("n", out var n) && n.ValueKind == JsonValueKind.Number && (!n.TryGetInt32(out var count) || count != 1))
        {
            throw new UnsupportedRequestException("Anthropic returns one choice per request; send n = 1 or leave n out", "n");
        }
    }

    /// <summary>
    /// <c>temperature</c> is clamped to Anthropic's 0–1 range (OpenAI allows up to 2), so a value valid for OpenAI does not fail a fallback.
    /// The configured default temperature is not added when the client chose <c>top_p</c> alone: recent Claude models refuse both at once.
    /// </summary>
    private static void WriteSampling(Utf8JsonWriter json, ChatRequest request)
    {
        var hasTopP = request.TryGet("top_p", out var topP) && topP.ValueKind == JsonValueKind.Number;
        var clientTemperature = request.TryGet("temperature", out var t) && t.ValueKind == JsonValueKind.Number;
        if (request.Temperature is double temperature && (clientTemperature || !hasTopP))
        {
            json.WriteNumber("temperature", Math.Clamp(temperature, 0.0, 1.0));
        }

        if (hasTopP)
        {
            json.WriteNumber("top_p", topP.GetDouble());
        }
    }

    private static void WriteStopSequences(Utf8JsonWriter json, ChatRequest request)
    {
        if (!request.TryGet("stop", out var stop))
        {
            return;
        }

        json.WriteStartArray("stop_sequences");
        if (stop.ValueKind == JsonValueKind.String)
        {
            json.WriteStringValue(stop.GetString());
        }
        else if (stop.ValueKind == JsonValueKind.Array)
        {
            foreach (var sequence in stop.EnumerateArray())
            {
                if (sequence.ValueKind != JsonValueKind.String)
                {
                    throw new UnsupportedRequestException("stop must be a string or an array of strings", "stop");
                }

                json.WriteStringValue(sequence.GetString());
            }
        }
        else
        {
            throw new UnsupportedRequestException("stop must be a string or an array of strings", "stop");
        }

        json.WriteEndArray();
    }
}
