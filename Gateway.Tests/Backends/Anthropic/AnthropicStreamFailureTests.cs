using System.Text;
using Gateway.Backends;
using Gateway.Resilience;
using static Gateway.Tests.Backends.Anthropic.AnthropicSse;
using static Gateway.Tests.Backends.Anthropic.AnthropicStreamFixtures;
using static Gateway.Tests.Backends.Anthropic.AnthropicTestKit;

namespace Gateway.Tests.Backends.Anthropic;

/// <summary>Streams that break: error events, cuts, and data that is not the Messages protocol.</summary>
public sealed class AnthropicStreamFailureTests
{
    [Fact]
    public async Task ReadChatStreamAsync_OverloadedErrorMidStream_YieldsWhatCameThenOneStatusFailure()
    {
        var stream = Sse(
            Start("msg_5"),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}"""),
            ("error", """{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}"""));

        var chunks = await ReadStreamAsync(stream);

        Assert.Equal(3, chunks.Count);
        Assert.Equal("Hel", Delta(chunks[1]).GetProperty("content").GetString());
        var failure = chunks[2].Failure!;
        Assert.Equal(FailureKind.Status, failure.Kind);
        Assert.Equal(529, failure.StatusCode);
        Assert.Equal("overloaded_error", failure.Code);
        Assert.Equal("Overloaded", failure.Message);
        Assert.True(chunks[2].Data.IsEmpty);
    }

    [Theory]
    [InlineData("rate_limit_error", 429)]
    [InlineData("api_error", 500)]
    [InlineData("overloaded_error", 529)]
    public async Task ReadChatStreamAsync_ErrorEvent_StatusIsTheErrorTypesHttpStatus(string type, int status)
    {
        var stream = Sse(Start("msg_6"), ("error", $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"m"}}"""));

        var chunks = await ReadStreamAsync(stream);

        Assert.Equal(status, chunks[^1].Failure!.StatusCode);
        Assert.Equal(type, chunks[^1].Failure!.Code);
    }

    [Fact]
    public async Task ReadChatStreamAsync_StreamCutBeforeMessageStop_EndsWithProtocolFailure()
    {
        var cut = DocsTextStream[..DocsTextStream.IndexOf("event: message_delta", StringComparison.Ordinal)];

        var chunks = await ReadStreamAsync(cut);

        Assert.Equal(["", "Hello", "!"], ContentOf(chunks[..^1]));
        Assert.Equal(FailureKind.Protocol, chunks[^1].Failure!.Kind);
        Assert.Contains("message_stop", chunks[^1].Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChatStreamAsync_DataThatIsNotJson_EndsWithProtocolFailure()
    {
        var stream = Sse(Start("msg_7"), ("content_block_delta", "<html>oops</html>"), Stop());

        var chunks = await ReadStreamAsync(stream);

        Assert.Equal(2, chunks.Count);
        Assert.Equal(FailureKind.Protocol, chunks[1].Failure!.Kind);
    }

    [Fact]
    public async Task ReadChatStreamAsync_EventWithWrongJsonShape_EndsWithProtocolFailure()
    {
        var stream = Sse(Start("msg_9"), ("content_block_start", """{"type":"content_block_start","index":"zero","content_block":"tool_use"}"""), Stop());

        var chunks = await ReadStreamAsync(stream);

        Assert.Equal(2, chunks.Count);
        Assert.Equal(FailureKind.Protocol, chunks[1].Failure!.Kind);
    }

    [Fact]
    public async Task ReadChatStreamAsync_ContentBeforeMessageStart_EndsWithProtocolFailure()
    {
        var stream = Sse(("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}"""), Stop());

        var chunks = await ReadStreamAsync(stream);

        Assert.Equal(FailureKind.Protocol, Assert.Single(chunks).Failure!.Kind);
    }

    [Fact]
    public async Task ReadChatStreamAsync_ConnectionResetMidStream_EndsWithProtocolFailure()
    {
        var (response, writer) = PipedResponse();
        using var request = Request(Chat(""","stream":true"""));
        using var body = response;
        await using var chunks = Protocol().ReadChatStreamAsync(response, request, Candidate(), CancellationToken.None).GetAsyncEnumerator();
        await writer.WriteAsync(Encoding.UTF8.GetBytes(Sse(Start("msg_10"))));
        Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Null(chunks.Current.Failure);

        await writer.CompleteAsync(new IOException("connection reset by peer"));

        Assert.True(await chunks.MoveNextAsync());
        Assert.Equal(FailureKind.Protocol, chunks.Current.Failure!.Kind);
        Assert.True(FailureClass.CountsAgainstEndpoint(chunks.Current.Failure)); // not retried, but the plan moves on
        Assert.False(await chunks.MoveNextAsync());
    }
}
