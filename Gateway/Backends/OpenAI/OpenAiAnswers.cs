using System.Buffers;
using System.Text.Json;

namespace Gateway.Backends.OpenAI;

/// <summary>Reads OpenAI-shaped non-streamed answers: validated, then passed through as the upstream wrote them.</summary>
internal static class OpenAiAnswers
{
    public static async Task<Outcome<ChatCompletion>> ReadCompletionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var read = await ReadJsonAsync(response, "a chat completion", cancellationToken);
        if (read.Failure is { } failure)
        {
            return failure;
        }

        var (body, document) = read.Value;
        using var owned = document;
        var root = document.RootElement;

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
        {
            return UpstreamAnswer.WrongShape(response, "JSON that is not a chat completion (no choices array)");
        }

        string? finishReason = null;
        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String)
            {
                finishReason = reason.GetString();
                break;
            }
        }

        return Outcome<ChatCompletion>.Ok(new ChatCompletion(body, StringOf(root, "model"), UsageOf(root), finishReason, OpenAiGeneratedText.Count(choices)));
    }

    /// <summary>
    /// Reads an embeddings list. When the client asked for base64 but the upstream sent number arrays (LM Studio and other
    /// OpenAI-compatible servers may ignore <c>encoding_format</c>), the vectors are re-encoded so the client's SDK can decode them.
    /// </summary>
    public static async Task<Outcome<EmbeddingsResult>> ReadEmbeddingsAsync(HttpResponseMessage response, EmbeddingsRequest request, CancellationToken cancellationToken)
    {
        var read = await ReadJsonAsync(response, "an embeddings list", cancellationToken);
        if (read.Failure is { } failure)
        {
            return failure;
        }

        var (body, document) = read.Value;
        using var owned = document;
        var root = document.RootElement;

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return UpstreamAnswer.WrongShape(response, "JSON that is not an embeddings list (no data array)");
        }

        var usage = UsageOf(root);
        if (!request.WantsBase64 || !HasNumberVectors(data))
        {
            return Outcome<EmbeddingsResult>.Ok(new EmbeddingsResult(body, usage));
        }

        var rewritten = RewriteAsBase64(root);
        return rewritten is null
            ? UpstreamAnswer.WrongShape(response, "an embedding vector that holds something other than finite numbers")
            : Outcome<EmbeddingsResult>.Ok(new EmbeddingsResult(rewritten, usage));
    }

    internal static Usage? UsageOf(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new Usage(CountOf(usage, "prompt_tokens"), CountOf(usage, "completion_tokens"));
    }

    internal static string? StringOf(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int CountOf(JsonElement usage, string property) =>
        usage.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) ? count : 0;

    /// <summary>Some OpenAI-compatible servers answer 200 with <c>{"error": ...}</c>; that is the upstream's error, not a protocol break.</summary>
    /// <summary>The whole answer (size-bounded) and its parse; HTML, truncated JSON or an <c>{"error":...}</c> body inside a 2xx fail here.</summary>
    internal static async Task<Outcome<(byte[] Body, JsonDocument Document)>> ReadJsonAsync(HttpResponseMessage response, string expected, CancellationToken cancellationToken)
    {
        var body = await UpstreamAnswer.ReadAsync(response, cancellationToken);
        if (body.Failure is { } tooLarge)
        {
            return tooLarge;
        }

        var parsed = UpstreamAnswer.Parse(response, body.Value!, expected);
        if (parsed.Failure is { } notJson)
        {
            return notJson;
        }

        var document = parsed.Value!;
        if (EmbeddedError(document.RootElement) is { } error)
        {
            document.Dispose();
            return error;
        }

        return Outcome<(byte[], JsonDocument)>.Ok((body.Value!, document));
    }

    private static UpstreamFailure? EmbeddedError(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || root.TryGetProperty("choices", out _))
        {
            return null;
        }

        return UpstreamErrorBody.TryRead(error, out var message, out var code)
            ? new UpstreamFailure { Kind = FailureKind.Status, Message = message, Code = code }
            : null;
    }

    private static bool HasNumberVectors(JsonElement data)
    {
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("embedding", out var vector) && vector.ValueKind == JsonValueKind.Array)
            {
                return true;
            }
        }

        return false;
    }

    private static byte[]? RewriteAsBase64(JsonElement root)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, WireJson.Writer);
        json.WriteStartObject();
        foreach (var property in root.EnumerateObject())
        {
            if (!property.NameEquals("data"))
            {
                property.WriteTo(json);
                continue;
            }

            json.WriteStartArray("data");
            foreach (var item in property.Value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    item.WriteTo(json);
                    continue;
                }

                json.WriteStartObject();
                foreach (var field in item.EnumerateObject())
                {
                    if (!field.NameEquals("embedding") || field.Value.ValueKind != JsonValueKind.Array)
                    {
                        field.WriteTo(json);
                    }
                    else if (!EmbeddingVectors.TryWriteBase64(json, "embedding", field.Value))
                    {
                        return null;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
