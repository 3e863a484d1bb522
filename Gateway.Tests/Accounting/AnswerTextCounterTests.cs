using System.Text;
using Gateway.Accounting;

namespace Gateway.Tests.Accounting;

public sealed class AnswerTextCounterTests
{
    private static long Count(string text)
    {
        var counter = new AnswerTextCounter();
        counter.Feed(Encoding.UTF8.GetBytes(text));
        return counter.Characters;
    }

    [Fact]
    public void Feed_ChatCompletion_CountsTheMessageContentOnly()
    {
        const string answer = """{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o","choices":[{"index":0,"message":{"role":"assistant","content":"Hello there"},"finish_reason":"stop"}]}""";

        Assert.Equal(11, Count(answer));
    }

    [Fact]
    public void Feed_StreamSplitAtEveryByte_CountsTheSameAsWhole()
    {
        var stream = string.Concat(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\\\"lo\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" w\\u00f6rld\"}}]}\n\n",
            "data: [DONE]\n\n");
        var bytes = Encoding.UTF8.GetBytes(stream);
        var counter = new AnswerTextCounter();

        foreach (var b in bytes)
        {
            counter.Feed([b]);
        }

        Assert.Equal(12, counter.Characters);
        Assert.Equal(12, Count(stream));
    }

    [Theory]
    [InlineData("""{"content":"a\nb"}""", 3)]
    [InlineData("""{"content":"é漢😀"}""", 3)]
    [InlineData("""{"content" : "spaced"}""", 6)]
    [InlineData("""{"content":null}""", 0)]
    [InlineData("""{"content":[{"type":"text","text":"parts"}]}""", 0)]
    [InlineData("""{"reasoning_content":"think","content":"say"}""", 8)]
    public void Feed_ContentValues_CountCharactersNotBytes(string json, long expected)
    {
        Assert.Equal(expected, Count(json));
    }

    [Fact]
    public void Feed_ToolCallArguments_AreGeneratedText()
    {
        const string answer = """{"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}}]}}""";

        Assert.Equal(15, Count(answer));
    }

    [Theory]
    [InlineData("""{"role":"content","note":"x"}""")]
    [InlineData("""{"message":"\"content\":\"not a key\""}""")]
    [InlineData("""{"error":{"message":"The upstream failed","type":"server_error"}}""")]
    [InlineData("""{"data":[{"embedding":"AAAAPwAAAD8=","index":0}]}""")]
    public void Feed_TextThatIsNotAContentValue_CountsNothing(string json)
    {
        Assert.Equal(0, Count(json));
    }
}
