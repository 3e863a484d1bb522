using System.Text;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Backends.Anthropic;
using Microsoft.Extensions.Logging;
using static Gateway.Tests.Backends.Anthropic.AnthropicSse;
using static Gateway.Tests.Backends.Anthropic.AnthropicStreamFixtures;
using static Gateway.Tests.Backends.Anthropic.AnthropicTestKit;

namespace Gateway.Tests.Backends.Anthropic;

/// <summary>
/// What a Messages API stream carries besides text and tool calls, read back as OpenAI chunks: thinking as <c>reasoning_content</c>
/// deltas, and the stop sequence that ended the answer as the finish chunk's <c>stop_reason</c>.
/// </summary>
public sealed class AnthropicStreamFieldsTests
{
    [Fact]
    public async Task ReadChatStreamAsync_StoppedByAStopSequence_FinishChunkNamesIt()
    {
        var stream = Sse(
            Start("msg_4"),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"1, 2, 3"}}"""),
            ("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"###"},"usage":{"output_tokens":5}}"""),
            Stop());

        var chunks = await ReadStreamAsync(stream);

        var finish = Json(chunks[^1]).GetProperty("choices")[0];
        Assert.Equal(("stop", "###"), (finish.GetProperty("finish_reason").GetString(), finish.GetProperty("stop_reason").GetString()));
        Assert.DoesNotContain(chunks[..^1], c => Json(c).GetProperty("choices")[0].TryGetProperty("stop_reason", out _));
    }

    [Fact]
    public async Task ReadChatStreamAsync_ThinkingDeltas_StreamedAsReasoningContentBeforeTheAnswer()
    {
        var stream = Sse(
            Start("msg_3"),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Paris is "}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"the capital."}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQB"}}"""),
            ("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            ("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Paris."}}"""),
            ("content_block_stop", """{"type":"content_block_stop","index":1}"""),
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}"""),
            Stop());

        var chunks = await ReadStreamAsync(stream);

        var reasoning = chunks.Select(c => Delta(c).TryGetProperty("reasoning_content", out var r) ? r.GetString() : null).ToList();
        Assert.Equal(["Paris is ", "the capital."], reasoning.Where(r => r is not null));
        Assert.True(reasoning.LastIndexOf("the capital.") < chunks.FindIndex(c => Delta(c).TryGetProperty("content", out var t) && t.GetString() == "Paris."));
        Assert.Equal("Paris is the capital.".Length + "Paris.".Length, chunks.Sum(c => c.GeneratedCharacters));
    }
}
