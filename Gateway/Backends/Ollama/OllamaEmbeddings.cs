using System.Buffers;
using System.Text.Json;
using Gateway.Backends.OpenAI;
using Gateway.Routing;

namespace Gateway.Backends.Ollama;

/// <summary>
/// Ollama's <c>/api/embed</c>: <c>{model, input, dimensions?}</c> in, <c>{model, embeddings: [[...]], prompt_eval_count}</c> out, turned
/// into OpenAI's list shape (vectors as base64 float32 when the client asked, as the OpenAI SDKs do by default).
/// </summary>
internal static class OllamaEmbeddings
{
    /// <exception cref="UnsupportedRequestException">The input is token arrays, which Ollama cannot embed.</exception>
    public static ReadOnlyMemory<byte> WriteRequest(EmbeddingsRequest request, Candidate candidate)
    {
        var input = request.Input;
        var isText = input.ValueKind == JsonValueKind.String
            || (input.ValueKind == JsonValueKind.Array && input.EnumerateArray().All(static item => item.ValueKind == JsonValueKind.String));
        if (!isText)
        {
            throw new UnsupportedRequestException("Ollama embeds text only: input must be a string or an array of strings, not token arrays.", "input");
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteString("model", candidate.Model);
            json.WritePropertyName("input");
            input.WriteTo(json);
            if (request.Root.TryGetProperty("dimensions", out var dimensions) && dimensions.ValueKind == JsonValueKind.Number)
            {
                json.WritePropertyName("dimensions");
                dimensions.WriteTo(json);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    public static async Task<Outcome<EmbeddingsResult>> ReadAsync(
        HttpResponseMessage response, EmbeddingsRequest request, Candidate candidate, CancellationToken cancellationToken)
    {
        var body = await UpstreamAnswer.ReadAsync(response, cancellationToken);
        if (body.Failure is { } tooLarge)
        {
            return tooLarge;
        }

        var parsed = UpstreamAnswer.Parse(response, body.Value!, "an Ollama embeddings answer");
        if (parsed.Failure is { } notJson)
        {
            return notJson;
        }

        using var document = parsed.Value!;
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error)
            && UpstreamErrorBody.TryRead(error, out var message, out var code))
        {
            return new UpstreamFailure { Kind = FailureKind.Status, Message = message, Code = code };
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("embeddings", out var embeddings) || embeddings.ValueKind != JsonValueKind.Array)
        {
            return UpstreamAnswer.WrongShape(response, "JSON that is not an Ollama embeddings answer (no embeddings array)");
        }

        var promptTokens = root.TryGetProperty("prompt_eval_count", out var count) && count.TryGetInt32(out var n) ? n : 0;
        var usage = new Usage(promptTokens, 0);
        var json = WriteList(embeddings, OpenAiAnswers.StringOf(root, "model") ?? candidate.Model, usage, request.WantsBase64);
        return json is null
            ? UpstreamAnswer.WrongShape(response, "an embedding vector that is not an array of finite numbers")
            : Outcome<EmbeddingsResult>.Ok(new EmbeddingsResult(json, usage));
    }

    /// <summary>
    /// <c>{"object":"list","data":[{"object":"embedding","index":i,"embedding":[...]}],"model":m,"usage":{"prompt_tokens":n,"total_tokens":n}}</c>;
    /// null when a vector is not an array of numbers.
    /// </summary>
    private static byte[]? WriteList(JsonElement embeddings, string model, Usage usage, bool base64)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, WireJson.Writer);
        json.WriteStartObject();
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        var index = 0;
        foreach (var vector in embeddings.EnumerateArray())
        {
            if (vector.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            json.WriteStartObject();
            json.WriteString("object", "embedding");
            json.WriteNumber("index", index++);
            if (base64)
            {
                if (!EmbeddingVectors.TryWriteBase64(json, "embedding", vector))
                {
                    return null;
                }
            }
            else
            {
                foreach (var number in vector.EnumerateArray())
                {
                    if (number.ValueKind != JsonValueKind.Number)
                    {
                        return null;
                    }
                }

                json.WritePropertyName("embedding");
                vector.WriteTo(json);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("model", model);
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.PromptTokens);
        json.WriteNumber("total_tokens", usage.PromptTokens);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
