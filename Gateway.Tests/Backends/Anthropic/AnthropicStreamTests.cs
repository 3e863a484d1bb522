using System.Text;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Backends.Anthropic;
using Microsoft.Extensions.Logging;
using static Gateway.Tests.Backends.Anthropic.AnthropicSse;
using static Gateway.Tests.Backends.Anthropic.AnthropicStreamFixtures;
using static Gateway.Tests.Backends.Anthropic.AnthropicTestKit;

namespace Gateway.Tests.Backends.Anthropic;

/// <summary>Messages API event streams read back as OpenAI chunks.</summary>
public sealed class AnthropicStreamTests
{
    [Fact]
    public async Task ReadChatStreamAsync_DocsTextStreamWithPing_RoleTwoContentChunksAndFinish()
    {
        var chunks = await ReadStreamAsync(DocsTextStream);

        Assert.Equal(4, chunks.Count);
        Assert.All(chunks, c => Assert.Null(c.Failure));
        Assert.Equal("assistant", Delta(chunks[0]).GetProperty("role").GetString());
        Assert.Equal("Hello", Delta(chunks[1]).GetProperty("content").GetString());
        Assert.Equal("!", Delta(chunks[2]).GetProperty("content").GetString());
        var finish = Json(chunks[3]).GetProperty("choices")[0];
        Assert.Equal("stop", finish.GetProperty("finish_reason").GetString());
        Assert.Equal("{}", finish.GetProperty("delta").GetRawText());
    }

    [Fact]
    public async Task ReadChatStreamAsync_AnyStream_EveryChunkCarriesTheMessageIdModelAndOneCreated()
    {
        var chunks = await ReadStreamAsync(DocsTextStream);

        Assert.All(chunks, c =>
        {
            var json = Json(c);
            Assert.Equal("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", json.GetProperty("id").GetString());
            Assert.Equal("chat.completion.chunk", json.GetProperty("object").GetString());
            Assert.Equal("claude-opus-4-1-20250805", json.GetProperty("model").GetString());
            Assert.Equal(Now.ToUnixTimeSeconds(), json.GetProperty("created").GetInt64());
        });
    }

    [Fact]
    public async Task ReadChatStreamAsync_UsageNotRequested_NoUsageChunk()
    {
        var chunks = await ReadStreamAsync(SdkTextStream);

        Assert.Equal(["", "Hello", " there", "!"], ContentOf(chunks[..^1]));
        Assert.All(chunks, c => Assert.Null(c.Usage));
        Assert.All(chunks, c => Assert.False(Json(c).TryGetProperty("usage", out _)));
    }

    [Fact]
    public async Task ReadChatStreamAsync_UsageNotRequested_UsageStillReportedLastWithoutData()
    {
        var chunks = await ReadEveryChunkAsync(SdkTextStream);

        var last = chunks[^1];
        Assert.True(last.Data.IsEmpty);
        Assert.Null(last.Failure);
        Assert.Equal(new Usage(11, 6), last.Usage);
        Assert.Equal("stop", Json(chunks[^2]).GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ReadChatStreamAsync_UsageRequested_LastChunkCarriesUsageWithEmptyChoices()
    {
        var chunks = await ReadStreamAsync(SdkTextStream, includeUsage: true);

        var last = chunks[^1];
        Assert.Equal(new Usage(11, 6), last.Usage);
        var json = Json(last);
        Assert.Equal(0, json.GetProperty("choices").GetArrayLength());
        Assert.Equal(11, json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(6, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("stop", Json(chunks[^2]).GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.All(chunks[..^1], c => Assert.Null(c.Usage));
    }

    [Fact]
    public async Task ReadChatStreamAsync_ToolUseStream_ToolCallIndexCountsCallsNotBlocks()
    {
        var chunks = await ReadStreamAsync(SdkToolUseStream);

        var start = chunks.Single(c => ToolCall(c) is { } call && call.TryGetProperty("id", out _));
        var call = ToolCall(start)!.Value;
        Assert.Equal(0, call.GetProperty("index").GetInt32());
        Assert.Equal("toolu_01NRLabsLyVHZPKxbKvkfSMn", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("", call.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal(["I", "'ll check the current weather in Paris for you."], ContentOf(chunks).Where(t => t.Length > 0));
        Assert.Equal("tool_calls", Json(chunks[^1]).GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ReadChatStreamAsync_ToolUseStream_ArgumentFragmentsConcatenateToTheInputJson()
    {
        var chunks = await ReadStreamAsync(SdkToolUseStream);

        var fragments = chunks
            .Select(ToolCall)
            .Where(c => c is { } call && !call.TryGetProperty("id", out _))
            .Select(c => c!.Value)
            .ToList();
        Assert.Equal(4, fragments.Count);
        Assert.All(fragments, f => Assert.Equal(0, f.GetProperty("index").GetInt32()));
        var arguments = string.Concat(fragments.Select(f => f.GetProperty("function").GetProperty("arguments").GetString()));
        using var parsed = JsonDocument.Parse(arguments);
        Assert.Equal("Paris", parsed.RootElement.GetProperty("location").GetString());
    }

    [Fact]
    public async Task ReadChatStreamAsync_ToolUseStreamWithUsage_PromptFromStartCompletionFromDelta()
    {
        var chunks = await ReadStreamAsync(SdkToolUseStream, includeUsage: true);

        Assert.Equal(new Usage(377, 65), chunks[^1].Usage);
    }

    [Fact]
    public async Task ReadChatStreamAsync_TwoToolUseBlocksAfterThinking_IndexesZeroAndOne()
    {
        var stream = Sse(
            Start("msg_2"),
            ("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Two cities."}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQB"}}"""),
            ("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            ("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_a","name":"get_weather","input":{}}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\":\"Paris\"}"}}"""),
            ("content_block_stop", """{"type":"content_block_stop","index":1}"""),
            ("content_block_start", """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_b","name":"get_weather","input":{}}}"""),
            ("content_block_delta", """{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"city\":\"Oslo\"}"}}"""),
            ("content_block_stop", """{"type":"content_block_stop","index":2}"""),
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":30}}"""),
            Stop());

        var chunks = await ReadStreamAsync(stream);

        var calls = chunks.Select(ToolCall).Where(c => c is not null).Select(c => c!.Value).ToList();
        Assert.Equal(4, calls.Count);
        Assert.Equal(("toolu_a", 0), (calls[0].GetProperty("id").GetString(), calls[0].GetProperty("index").GetInt32()));
        Assert.Equal(0, calls[1].GetProperty("index").GetInt32());
        Assert.Equal(("toolu_b", 1), (calls[2].GetProperty("id").GetString(), calls[2].GetProperty("index").GetInt32()));
        Assert.Equal("""{"city":"Oslo"}""", calls[3].GetProperty("function").GetProperty("arguments").GetString());
        Assert.DoesNotContain(chunks, c => Json(c).GetProperty("choices").EnumerateArray().Any(
            choice => choice.GetProperty("delta").TryGetProperty("content", out var text) && text.GetString() == "Two cities."));
    }

    [Fact]
    public async Task ReadChatStreamAsync_SeveralMessageDeltas_OutputTokensAreCumulativeNotSummed()
    {
        var stream = Sse(
            Start("msg_3"),
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":null},"usage":{"output_tokens":10}}"""),
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":25}}"""),
            Stop());

        var chunks = await ReadStreamAsync(stream, includeUsage: true);

        Assert.Equal(new Usage(25, 25), chunks[^1].Usage);
        Assert.Equal("length", Json(chunks[^2]).GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ReadChatStreamAsync_CacheTokensInMessageStart_CountAsPromptTokens()
    {
        var stream = Sse(
            ("message_start", """{"type":"message_start","message":{"id":"msg_4","model":"claude-sonnet-4-20250514","content":[],"usage":{"input_tokens":5,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,"output_tokens":1}}}"""),
            ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}"""),
            Stop());

        var chunks = await ReadStreamAsync(stream, includeUsage: true);

        Assert.Equal(new Usage(1105, 3), chunks[^1].Usage);
    }

    [Fact]
    public async Task ReadChatStreamAsync_UnknownEventsAndDeltas_IgnoredLeavingTheSameChunks()
    {
        var noisy = DocsTextStream.Replace(
            "event: content_block_stop",
            """
            event: content_block_hologram
            data: {"type":"content_block_hologram","index":0,"shimmer":true}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"char_location","cited_text":"x"}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"future_delta","stuff":1}}

            event: content_block_stop
            """,
            StringComparison.Ordinal);

        var plain = await ReadStreamAsync(DocsTextStream);
        var chunks = await ReadStreamAsync(noisy);

        Assert.Equal(plain.Select(c => Encoding.UTF8.GetString(c.Data.Span)), chunks.Select(c => Encoding.UTF8.GetString(c.Data.Span)));
    }

    [Fact]
    public async Task ReadChatStreamAsync_UnknownStopReason_FinishesWithStopAndLogsTheRawValue()
    {
        var logger = new ListLogger<AnthropicProtocol>();
        var stream = Sse(Start("msg_8"), ("message_delta", """{"type":"message_delta","delta":{"stop_reason":"took_a_nap"},"usage":{"output_tokens":2}}"""), Stop());

        var chunks = await ReadStreamAsync(stream, logger: logger);

        Assert.Equal("stop", Json(chunks[^1]).GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("took_a_nap", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChatStreamAsync_EventsArrivingOneByOne_EachChunkIsYieldedBeforeTheNextEventIsSent()
    {
        var (response, writer) = PipedResponse();
        using var request = Request(Chat(""","stream":true"""));
        using var body = response;
        var events = DocsTextStream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        await using var chunks = Protocol().ReadChatStreamAsync(response, request, Candidate(), CancellationToken.None).GetAsyncEnumerator();

        await writer.WriteAsync(Encoding.UTF8.GetBytes(events[0] + "\n\n"));
        Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("assistant", Delta(chunks.Current).GetProperty("role").GetString());

        await writer.WriteAsync(Encoding.UTF8.GetBytes(string.Join("\n\n", events[1..4]) + "\n\n"));
        Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("Hello", Delta(chunks.Current).GetProperty("content").GetString());

        await writer.WriteAsync(Encoding.UTF8.GetBytes(string.Join("\n\n", events[4..]) + "\n\n"));
        await writer.CompleteAsync();
        var rest = new List<ChatChunk>();
        while (await chunks.MoveNextAsync())
        {
            rest.Add(chunks.Current);
        }

        Assert.Equal(3, rest.Count);
        Assert.Equal("stop", Json(rest[1]).GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.True(rest[2].Data.IsEmpty);
        Assert.NotNull(rest[2].Usage);
    }

    [Fact]
    public async Task ReadChatStreamAsync_ToolUseStream_OpenAiSdkParsesEveryChunkAndRebuildsTheCall()
    {
        var chunks = await ReadStreamAsync(SdkToolUseStream, includeUsage: true);

        var arguments = new StringBuilder();
        string? id = null;
        string? name = null;
        global::OpenAI.Chat.ChatFinishReason? finish = null;
        global::OpenAI.Chat.ChatTokenUsage? usage = null;
        foreach (var chunk in chunks)
        {
            var update = System.ClientModel.Primitives.ModelReaderWriter.Read<global::OpenAI.Chat.StreamingChatCompletionUpdate>(BinaryData.FromBytes(chunk.Data))!;
            Assert.Equal("msg_019Q1hrJbZG26Fb9BQhrkHEr", update.CompletionId);
            foreach (var call in update.ToolCallUpdates)
            {
                Assert.Equal(0, call.Index);
                id ??= call.ToolCallId;
                name ??= call.FunctionName;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal("toolu_01NRLabsLyVHZPKxbKvkfSMn", id);
        Assert.Equal("get_weather", name);
        Assert.Equal("{\"location\": \"Paris\"}", arguments.ToString());
        Assert.Equal(global::OpenAI.Chat.ChatFinishReason.ToolCalls, finish);
        Assert.Equal(377, usage!.InputTokenCount);
        Assert.Equal(65, usage.OutputTokenCount);
    }
}
