using System.Text;
using Gateway.Exchange;
using Gateway.Security;

namespace Gateway.Tests.Security;

public sealed class JsonTextTests
{
    [Theory]
    [InlineData("""{"a":"plain"}""")]
    [InlineData("""{"a":"caf\u00e9 \ud83d\ude00 \\u not an escape"}""")]
    [InlineData("""{"a":"\\\\ud800"}""")]
    [InlineData("""{"\ud83d\ude00":1}""")]
    [InlineData("""["é", "😀"]""")]
    public void UnicodeProblem_ValidText_None(string json) => Assert.Null(JsonText.UnicodeProblem(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"a":"\ud800"}""", 6)]
    [InlineData("""{"a":"\udc00"}""", 6)]
    [InlineData("""{"a":"\ud800x"}""", 6)]
    [InlineData("""{"a":"\ud800\ud800\udc00"}""", 6)]
    [InlineData("""{"a":"\ud800\n"}""", 6)]
    [InlineData("""{"a":"\ud800","b":"\udc00"}""", 6)]
    [InlineData("""{"\udfff":1}""", 2)]
    public void UnicodeProblem_UnpairedSurrogateEscape_NamesTheOffset(string json, int offset) =>
        Assert.Contains($"unpaired UTF-16 surrogate escape at offset {offset};", JsonText.UnicodeProblem(Encoding.UTF8.GetBytes(json)), StringComparison.Ordinal);

    [Fact]
    public void UnicodeProblem_InvalidUtf8_NamesTheByteAndOffset()
    {
        byte[] json = [.. "{\"a\":\"é"u8, 0xC3, .. "\"}"u8];

        Assert.Equal(
            "The request body is not valid UTF-8: byte 0xC3 at offset 8 does not belong there. Send JSON encoded as UTF-8.",
            JsonText.UnicodeProblem(json));
    }
}
