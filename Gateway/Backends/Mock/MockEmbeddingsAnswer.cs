using System.Text.Json;
using Gateway.Configuration;

namespace Gateway.Backends.Mock;

/// <summary>
/// The mock's embeddings: one unit-length vector per input, derived from the input's text alone, so equal inputs always get equal
/// vectors (and similarity searches in client tests are repeatable). <c>dimensions</c> in the request wins over <c>embedding_dimensions</c>.
/// </summary>
internal static class MockEmbeddingsAnswer
{
    private const int MaxDimensions = 4096;

    public static HttpResponseMessage Create(JsonElement root, MockPrompt prompt, MockSettings settings)
    {
        var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "mock-embedding";
        var dimensions = root.TryGetProperty("dimensions", out var d) && d.ValueKind == JsonValueKind.Number
            && d.TryGetInt32(out var requested) && requested is > 0 and <= MaxDimensions
            ? requested
            : settings.EmbeddingDimensions;

        return MockResponses.Json(200, MockResponses.Write(json =>
        {
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            var index = 0;
            foreach (var item in Inputs(root))
            {
                json.WriteStartObject();
                json.WriteString("object", "embedding");
                json.WriteNumber("index", index++);
                json.WriteStartArray("embedding");
                foreach (var value in Vector(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText(), dimensions))
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("model", model);
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", prompt.Tokens);
            json.WriteNumber("total_tokens", prompt.Tokens);
            json.WriteEndObject();
        }));
    }

    /// <summary>
    /// The inputs to embed: a string, an array of strings, one token array (an array of numbers), or an array of token arrays.
    /// </summary>
    public static IEnumerable<JsonElement> Inputs(JsonElement root)
    {
        if (!root.TryGetProperty("input", out var input))
        {
            yield break;
        }

        if (input.ValueKind != JsonValueKind.Array || IsTokenArray(input))
        {
            yield return input;
            yield break;
        }

        foreach (var item in input.EnumerateArray())
        {
            yield return item;
        }
    }

    /// <summary>A unit vector drawn from a generator seeded with the text's FNV-1a hash (stable across processes and machines).</summary>
    public static float[] Vector(string text, int dimensions)
    {
        var state = 14695981039346656037UL;
        foreach (var c in text)
        {
            state = (state ^ c) * 1099511628211UL;
        }

        var vector = new float[dimensions];
        double sumOfSquares = 0;
        for (var i = 0; i < dimensions; i++)
        {
            state = SplitMix64(state, out var next);
            var value = (next >> 11) * (1.0 / (1UL << 53) * 2) - 1;
            vector[i] = (float)value;
            sumOfSquares += value * value;
        }

        var norm = (float)Math.Sqrt(sumOfSquares);
        if (norm > 0)
        {
            for (var i = 0; i < dimensions; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    private static bool IsTokenArray(JsonElement input)
    {
        foreach (var item in input.EnumerateArray())
        {
            return item.ValueKind == JsonValueKind.Number;
        }

        return false;
    }

    private static ulong SplitMix64(ulong state, out ulong output)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        output = z ^ (z >> 31);
        return state;
    }
}
