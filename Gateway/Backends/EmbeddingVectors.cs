using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;

namespace Gateway.Backends;

/// <summary>OpenAI's <c>encoding_format: base64</c>: each vector as the base64 of its float32 little-endian bytes.</summary>
internal static class EmbeddingVectors
{
    /// <summary>Writes <paramref name="vector"/> (a JSON number array) as a base64 string; false when it holds anything but finite numbers.</summary>
    public static bool TryWriteBase64(Utf8JsonWriter json, string propertyName, JsonElement vector)
    {
        if (vector.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var length = vector.GetArrayLength() * sizeof(float);
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var offset = 0;
            foreach (var number in vector.EnumerateArray())
            {
                if (number.ValueKind != JsonValueKind.Number || !number.TryGetSingle(out var value) || !float.IsFinite(value))
                {
                    return false;
                }

                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), value);
                offset += sizeof(float);
            }

            json.WriteBase64String(propertyName, bytes.AsSpan(0, length));
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
