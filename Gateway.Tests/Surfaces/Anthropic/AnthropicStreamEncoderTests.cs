using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Surfaces.Anthropic;
using Gateway.Tests.Upstreams;
using static Gateway.Tests.Surfaces.Anthropic.EncodedStream;

namespace Gateway.Tests.Surfaces.Anthropic;

public sealed class AnthropicStreamEncoderTests
{
    [Fact]
    public async Task Encode_OpenAiTextStream_AnthropicsEventSequence()
    {
        var events = await EncodeAsync(FromSse(OpenAiPayloads.TextStream));

        AssertWellFormed(events);
        Assert.Equal(
            ["message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Name));
        var message = events[0].Data.GetProperty("message");
        Assert.Equal("msg_ABfw031mOJeYCSHe4yI2ZjOA6kMJL", message.GetProperty("id").GetString());
        Assert.Equal(OpenAiPayloads.StreamModel, message.GetProperty("model").GetString());
        Assert.Equal(0, message.GetProperty("content").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("stop_reason").ValueKind);
        Assert.Equal("""{"type":"text","text":""}""", events[1].Data.GetProperty("content_block").GetRawText());
        Assert.Equal([("text", OpenAiPayloads.TextStreamContent)], Blocks(events));
        Assert.Equal(
            """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":14,"output_tokens":30}}""",
            Single(events, "message_delta").Data.GetRawText());
    }

    [Fact]
    public async Task Encode_UsageAfterFinish_OneMessageDeltaWithBoth()
    {
        // OpenAI sends finish_reason, then the usage chunk (choices: []), then [DONE].
        var events = await EncodeAsync(FromSse(OpenAiPayloads.LengthStream));

        AssertWellFormed(events);
        var delta = Single(events, "message_delta").Data;
        Assert.Equal("max_tokens", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(1, delta.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal(79, delta.GetProperty("usage").GetProperty("input_tokens").GetInt32());
    }

    [Fact]
    public async Task Encode_ToolCallInFragments_OneToolUseBlockWithTheArguments()
    {
        var events = await EncodeAsync(FromSse(OpenAiPayloads.ToolCallStream));

        AssertWellFormed(events);
        var start = Single(events, "content_block_start").Data.GetProperty("content_block");
        Assert.Equal("""{"type":"tool_use","id":"call_c91SqDXlYFuETYv8mUHzz6pp","name":"GetWeatherArgs","caller":{"type":"direct"},"input":{}}""", start.GetRawText());
        Assert.Equal([("tool_use", OpenAiPayloads.ToolCallStreamArguments)], Blocks(events));
        Assert.Equal("tool_use", Single(events, "message_delta").Data.GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task Encode_TwoParallelToolCalls_TwoToolUseBlocksInOrder()
    {
        using var writer = new OpenAiChunkWriter("chatcmpl-par", 1, "gpt-4o");
        ChatChunk[] chunks =
        [
            Chunk(writer.Role()),
            Chunk(writer.Content("Checking both.")),
            Chunk(writer.ToolCallStart(0, "call_paris", "get_weather", "")),
            Chunk(writer.ToolCallArguments(0, "{\"city\":")),
            Chunk(writer.ToolCallArguments(0, "\"Paris\"}")),
            Chunk(writer.ToolCallStart(1, "call_rome", "get_weather", "{\"city\":\"Rome\"}")),
            Chunk(writer.Finish("tool_calls")),
            Chunk(writer.UsageChunk(new Usage(50, 20))),
        ];

        var events = await EncodeAsync(chunks);

        AssertWellFormed(events);
        Assert.Equal(
            [("text", "Checking both."), ("tool_use", """{"city":"Paris"}"""), ("tool_use", """{"city":"Rome"}""")],
            Blocks(events));
        var ids = events.Where(e => e.Name == "content_block_start").Skip(1).Select(e => e.Data.GetProperty("content_block").GetProperty("id").GetString());
        Assert.Equal(["call_paris", "call_rome"], ids);
    }

    [Fact]
    public async Task Encode_FragmentForAStoppedToolCall_NoDeltaForTheStoppedBlock()
    {
        using var writer = new OpenAiChunkWriter("chatcmpl-mix", 1, "gpt-4o");
        ChatChunk[] chunks =
        [
            Chunk(writer.ToolCallStart(0, "call_a", "first", "{}")),
            Chunk(writer.ToolCallStart(1, "call_b", "second", "{\"x\":")),
            Chunk(writer.ToolCallArguments(0, "late")),
            Chunk(writer.ToolCallArguments(1, "1}")),
            Chunk(writer.Finish("tool_calls")),
        ];

        var events = await EncodeAsync(chunks);

        AssertWellFormed(events);
        Assert.Equal([("tool_use", "{}"), ("tool_use", """{"x":1}""")], Blocks(events));
    }

    [Fact]
    public async Task Encode_ReasoningThenText_ThinkingBlockThenTextBlock()
    {
        ChatChunk[] chunks =
        [
            Delta("""{"role":"assistant","content":"","reasoning_content":""}"""),
            Delta("""{"reasoning_content":"The user greets; "}"""),
            Delta("""{"reasoning_content":"answer briefly."}"""),
            Delta("""{"content":"Hello"}"""),
            Delta("""{"content":"!"}"""),
            Delta("{}", "stop"),
        ];

        var events = await EncodeAsync(chunks);

        AssertWellFormed(events);
        Assert.Equal([("thinking", "The user greets; answer briefly."), ("text", "Hello!")], Blocks(events));
        Assert.Equal("""{"type":"thinking","thinking":"","signature":""}""", events[1].Data.GetProperty("content_block").GetRawText());
    }

    [Fact]
    public async Task Encode_NoUsageReported_StartCarriesTheEstimateAndDeltaEstimatesOutput()
    {
        var chunks = FromSse(OpenAiPayloads.TextStreamWithoutUsage).Select(c => c with { GeneratedCharacters = 8 });

        var events = await EncodeAsync(chunks, inputEstimate: 42);

        var usage = events[0].Data.GetProperty("message").GetProperty("usage");
        Assert.Equal("""{"input_tokens":42,"output_tokens":1}""", usage.GetRawText());
        // Four chunks of 8 characters each: 32 characters, 8 tokens by the gateway's estimator.
        Assert.Equal("""{"output_tokens":8}""", Single(events, "message_delta").Data.GetProperty("usage").GetRawText());
    }

    [Fact]
    public async Task Encode_CachedTokensReported_CountedApartFromInput()
    {
        ChatChunk[] chunks =
        [
            Delta("""{"content":"Hi"}""", "stop"),
            Chunk("""{"id":"chatcmpl-r1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,"prompt_tokens_details":{"cached_tokens":1920}}}"""),
        ];

        var events = await EncodeAsync(chunks);

        Assert.Equal(
            """{"input_tokens":86,"cache_read_input_tokens":1920,"output_tokens":300}""",
            Single(events, "message_delta").Data.GetProperty("usage").GetRawText());
    }

    [Fact]
    public async Task Encode_ErrorMidStream_ErrorEventRedactedAndNoMessageStop()
    {
        var chunks = FromSse(OpenAiPayloads.TextStreamWithMidStreamError.Take(2));
        var error = new ApiError(529, $"The upstream failed after the answer had started: Overloaded (key {Secret})", null, "overloaded_error");

        var events = await EncodeAsync(chunks, error);

        AssertWellFormed(events);
        Assert.DoesNotContain(events, e => e.Name is "message_stop" or "message_delta");
        var last = events[^1];
        Assert.Equal("error", last.Name);
        Assert.Equal("overloaded_error", last.Data.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("The upstream failed after the answer had started: Overloaded (key [redacted])", last.Data.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Encode_EmptyStream_StillStartsAndStops()
    {
        var events = await EncodeAsync([]);

        AssertWellFormed(events);
        Assert.Equal(["message_start", "message_delta", "message_stop"], events.Select(e => e.Name));
        Assert.StartsWith("msg_", events[0].Data.GetProperty("message").GetProperty("id").GetString());
    }

    [Fact]
    public async Task WriteEvent_EachChunk_ItsEventsAreWrittenBeforeTheNext()
    {
        var encoder = new AnthropicStreamEncoder(Redactor(), 1);
        using var output = new MemoryStream();
        var body = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        var chunks = FromSse(OpenAiPayloads.TextStream);

        encoder.WriteEvent(body, chunks[0]);
        encoder.WriteEvent(body, chunks[1]);
        await body.FlushAsync();
        var afterFirstText = ReadEvents(Encoding.UTF8.GetString(output.ToArray()));

        Assert.Equal(["message_start", "content_block_start", "content_block_delta"], afterFirstText.Select(e => e.Name));
        Assert.Equal("I'm", afterFirstText[2].Data.GetProperty("delta").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Encode_AnthropicBackendsChunks_TheUpstreamsBlocksComeBack()
    {
        // What the gateway's own Anthropic adapter makes of Anthropic's tool-use stream, encoded back into Anthropic's events.
        var translator = new Gateway.Backends.Anthropic.AnthropicStreamTranslator(
            "claude", includeUsage: true, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var chunks = new List<ChatChunk>();
        foreach (var raw in AnthropicPayloads.ToolUseStream)
        {
            var lines = raw.TrimEnd('\n').Split('\n');
            translator.Translate(new Gateway.Streaming.SseEvent(lines[0]["event: ".Length..], Encoding.UTF8.GetBytes(lines[1]["data: ".Length..])), chunks);
        }

        var events = await EncodeAsync(chunks);

        AssertWellFormed(events);
        Assert.Equal(
            [("text", "I'll check the current weather in Paris for you."), ("tool_use", AnthropicPayloads.ToolUseStreamInput)],
            Blocks(events));
        Assert.Equal("msg_019Q1hrJbZG26Fb9BQhrkHEr", events[0].Data.GetProperty("message").GetProperty("id").GetString());
        var delta = Single(events, "message_delta").Data;
        Assert.Equal("tool_use", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal("""{"input_tokens":377,"output_tokens":65}""", delta.GetProperty("usage").GetRawText());
    }
}
