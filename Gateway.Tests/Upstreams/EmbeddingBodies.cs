using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Upstreams;

/// <summary>Builds embedding answers with one vector per input, in the OpenAI list shape or Ollama's <c>/api/embed</c> shape.</summary>
internal static class EmbeddingBodies
{
    /// <summary>
    /// How many vectors the request asks for: a string or a token array is one input; an array of strings or of token arrays is
    /// one input per element. A missing input counts as one.
    /// </summary>
    public static int CountInputs(JsonElement? input)
    {
        if (input is not { ValueKind: JsonValueKind.Array } array)
        {
            return 1;
        }

        var count = array.GetArrayLength();
        return count > 0 && array[0].ValueKind == JsonValueKind.Number ? 1 : count;
    }

    /// <summary>
    /// <c>{"object":"list","data":[{"object":"embedding","embedding":…,"index":i}],"model":…,"usage":{…}}</c>. With
    /// <paramref name="base64"/> each vector is float32 little-endian bytes, base64-encoded, as <c>encoding_format: base64</c> asks.
    /// </summary>
    public static string OpenAiList(string model, int count, IReadOnlyList<float> vector, bool base64, int promptTokens, int totalTokens)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            for (var index = 0; index < count; index++)
            {
                json.WriteStartObject();
                json.WriteString("object", "embedding");
                if (base64)
                {
                    json.WriteString("embedding", ToBase64(vector));
                }
                else
                {
                    json.WritePropertyName("embedding");
                    WriteVector(json, vector);
                }

                json.WriteNumber("index", index);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("model", model);
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", promptTokens);
            json.WriteNumber("total_tokens", totalTokens);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Ollama's §4.7 answer with one vector per input: <c>{"model":…,"embeddings":[[…]],…}</c>.</summary>
    public static string Ollama(string model, int count, IReadOnlyList<float> vector)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("embeddings");
            for (var index = 0; index < count; index++)
            {
                WriteVector(json, vector);
            }

            json.WriteEndArray();
            json.WriteNumber("total_duration", 14143917);
            json.WriteNumber("load_duration", 1019500);
            json.WriteNumber("prompt_eval_count", 8);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The vector as float32 little-endian bytes, base64-encoded.</summary>
    public static string ToBase64(IReadOnlyList<float> vector)
    {
        var bytes = new byte[vector.Count * sizeof(float)];
        for (var i = 0; i < vector.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    private static void WriteVector(Utf8JsonWriter json, IReadOnlyList<float> vector)
    {
        json.WriteStartArray();
        foreach (var value in vector)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }
}
