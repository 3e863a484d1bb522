using System.Buffers;
using System.Text.Json;
using Gateway.Backends;
using static Gateway.Tests.Backends.WireTestKit;

namespace Gateway.Tests.Backends;

public sealed class EmbeddingVectorsTests
{
    [Fact]
    public void TryWriteBase64_KnownFloats_WritesTheirFloat32LittleEndianBytes()
    {
        // 1.0f is 0x3F800000 and 2.0f is 0x40000000: little-endian 00 00 80 3F 00 00 00 40.
        using var vector = JsonDocument.Parse("[1.0,2.0]");
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            Assert.True(EmbeddingVectors.TryWriteBase64(json, "embedding", vector.RootElement));
            json.WriteEndObject();
        }

        Assert.Equal("""{"embedding":"AACAPwAAAEA="}""", Text(buffer.WrittenMemory));
    }

    [Theory]
    [InlineData("[1.0,\"x\"]")]
    [InlineData("[1e999]")]
    [InlineData("{\"a\":1}")]
    public void TryWriteBase64_NotAnArrayOfFiniteNumbers_WritesNothingAndSaysSo(string value)
    {
        using var vector = JsonDocument.Parse(value);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            Assert.False(EmbeddingVectors.TryWriteBase64(json, "embedding", vector.RootElement));
            json.WriteEndObject();
        }

        Assert.Equal("{}", Text(buffer.WrittenMemory));
    }
}
