using System.Text;
using System.Text.Json;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Tests.Upstreams;
using static Gateway.Tests.Surfaces.Anthropic.EncodedStream;
using Usage = Gateway.Backends.Usage;

namespace Gateway.Tests.Surfaces.Anthropic;

/// <summary>The official Anthropic .NET SDK, with response validation on, reads what the surface writes.</summary>
public sealed class AnthropicSdkTests
{
    private static readonly MessageCreateParams Request = new()
    {
        Model = "claude-sonnet-4-5",
        MaxTokens = 256,
        Messages = [new MessageParam(new UserMessageParam { Content = "Weather in Paris and Rome?" })],
    };

    [Fact]
    public async Task Create_ToolCallAnswerWithReasoning_SdkMessageHasTheBlocks()
    {
        const string json = """{"id":"chatcmpl-t","object":"chat.completion","created":1,"model":"qwen3","choices":[{"index":0,"message":{"role":"assistant","content":"Looking it up.","reasoning_content":"Need the tool.","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"days\":2}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":30,"completion_tokens":12,"total_tokens":42}}""";
        await using var host = await SurfaceHost.AnswerAsync(new ChatCompletion(Encoding.UTF8.GetBytes(json), "qwen3", new Usage(30, 12), "tool_calls", 0));
        using var client = host.Client();

        var message = await client.Messages.Create(Request);

        Assert.Equal("msg_t", message.ID);
        Assert.Equal("qwen3", message.Model.Raw());
        Assert.Equal(StopReason.ToolUse, message.StopReason!.Value());
        Assert.Equal((30, 12), (message.Usage.InputTokens, message.Usage.OutputTokens));
        Assert.Equal(3, message.Content.Count);
        Assert.True(message.Content[0].TryPickThinking(out var thinking));
        Assert.Equal("Need the tool.", thinking!.Thinking);
        Assert.True(message.Content[1].TryPickText(out var text));
        Assert.Equal("Looking it up.", text!.Text);
        Assert.True(message.Content[2].TryPickToolUse(out var tool));
        Assert.Equal(("call_1", "get_weather"), (tool!.ID, tool.Name));
        Assert.Equal("Paris", tool.Input["city"].GetString());
        Assert.Equal(2, tool.Input["days"].GetInt32());
    }

    [Fact]
    public async Task CreateStreaming_TextThenParallelToolCalls_SdkReadsEveryEvent()
    {
        using var writer = new OpenAiChunkWriter("chatcmpl-par", 1, "gpt-4o");
        ChatChunk[] chunks =
        [
            Chunk(writer.Role()),
            Chunk(writer.Content("Checking ")),
            Chunk(writer.Content("both.")),
            Chunk(writer.ToolCallStart(0, "call_paris", "get_weather", "")),
            Chunk(writer.ToolCallArguments(0, "{\"city\":")),
            Chunk(writer.ToolCallArguments(0, "\"Paris\"}")),
            Chunk(writer.ToolCallStart(1, "call_rome", "get_weather", "{\"city\":\"Rome\"}")),
            Chunk(writer.Finish("tool_calls")),
            Chunk(writer.UsageChunk(new Usage(50, 20))),
        ];
        await using var host = await SurfaceHost.StreamAsync(chunks);
        using var client = host.Client();

        var read = await ReadAsync(client.Messages.CreateStreaming(Request));

        Assert.Equal("msg_par", read.Id);
        Assert.Equal(["text", "tool_use", "tool_use"], read.Kinds);
        Assert.Equal("Checking both.", read.Text[0].ToString());
        Assert.Equal(("call_paris", "Paris"), (read.ToolIds[1], JsonDocument.Parse(read.Text[1].ToString()).RootElement.GetProperty("city").GetString()));
        Assert.Equal(("call_rome", "Rome"), (read.ToolIds[2], JsonDocument.Parse(read.Text[2].ToString()).RootElement.GetProperty("city").GetString()));
        Assert.Equal(StopReason.ToolUse, read.StopReason);
        Assert.Equal((50L, 20L), (read.FinalInputTokens, read.OutputTokens));
        Assert.True(read.Stopped);
    }

    [Fact]
    public async Task CreateStreaming_ReasoningThenText_SdkReadsThinkingDeltas()
    {
        ChatChunk[] chunks =
        [
            Delta("""{"role":"assistant","content":""}"""),
            Delta("""{"reasoning_content":"Short "}"""),
            Delta("""{"reasoning_content":"answer."}"""),
            Delta("""{"content":"Hi!"}"""),
            Delta("{}", "length"),
        ];
        await using var host = await SurfaceHost.StreamAsync(chunks);
        using var client = host.Client();

        var read = await ReadAsync(client.Messages.CreateStreaming(Request));

        Assert.Equal(["thinking", "text"], read.Kinds);
        Assert.Equal(["Short answer.", "Hi!"], read.Text.Select(t => t.ToString()));
        Assert.Equal(StopReason.MaxTokens, read.StopReason);
        Assert.True(read.StartInputTokens > 0, "message_start reports no input: clients show an empty context");
    }

    [Fact]
    public async Task CreateStreaming_ErrorMidStream_SdkThrowsTheTypedErrorRedacted()
    {
        var chunks = FromSse(OpenAiPayloads.TextStream.Take(2));
        var error = new ApiError(529, $"The upstream failed after the answer had started: Overloaded ({Secret})", null, "overloaded_error");
        await using var host = await SurfaceHost.StreamAsync(chunks, error);
        using var client = host.Client();

        var exception = await Assert.ThrowsAnyAsync<AnthropicServiceException>(() => ReadAsync(client.Messages.CreateStreaming(Request)));

        Assert.Equal("overloaded_error", exception.Type?.Raw());
        Assert.Contains("[redacted]", exception.ApiMessage);
        Assert.DoesNotContain(Secret, exception.ToString());
    }

    [Fact]
    public async Task Create_ErrorAnswer_SdkThrowsRateLimit()
    {
        await using var host = await SurfaceHost.ErrorAsync(new ApiError(429, "Slow down.") { RetryAfter = TimeSpan.FromSeconds(2) });
        using var client = host.Client();

        var exception = await Assert.ThrowsAsync<AnthropicRateLimitException>(() => client.Messages.Create(Request));

        Assert.Equal("rate_limit_error", exception.Type?.Raw());
        Assert.Equal("Slow down.", exception.ApiMessage);
    }

    /// <summary>What a client keeps of a stream: every event validated by the SDK and folded as its accumulators do.</summary>
    private static async Task<StreamRead> ReadAsync(IAsyncEnumerable<RawMessageStreamEvent> events)
    {
        var read = new StreamRead();
        await foreach (var e in events)
        {
            e.Validate();
            if (e.TryPickStart(out var start))
            {
                read.Id = start!.Message.ID;
                read.StartInputTokens = start.Message.Usage.InputTokens;
            }
            else if (e.TryPickContentBlockStart(out var blockStart))
            {
                Assert.Equal(read.Kinds.Count, blockStart!.Index);
                read.Kinds.Add(blockStart.ContentBlock.Type.Raw());
                read.ToolIds.Add(blockStart.ContentBlock.ID);
                read.Text.Add(new StringBuilder());
            }
            else if (e.TryPickContentBlockDelta(out var delta))
            {
                var text = read.Text[(int)delta!.Index];
                if (delta.Delta.TryPickText(out var t)) { text.Append(t!.Text); }
                else if (delta.Delta.TryPickThinking(out var th)) { text.Append(th!.Thinking); }
                else if (delta.Delta.TryPickInputJson(out var j)) { text.Append(j!.PartialJson); }
            }
            else if (e.TryPickDelta(out var messageDelta))
            {
                read.StopReason = messageDelta!.Delta.StopReason!.Value();
                read.OutputTokens = messageDelta.Usage.OutputTokens;
                read.FinalInputTokens = messageDelta.Usage.InputTokens;
            }
            else if (e.TryPickStop(out _))
            {
                read.Stopped = true;
            }
        }

        return read;
    }

    private sealed class StreamRead
    {
        public string? Id { get; set; }
        public long StartInputTokens { get; set; }
        public List<string> Kinds { get; } = [];
        public List<string?> ToolIds { get; } = [];
        public List<StringBuilder> Text { get; } = [];
        public StopReason? StopReason { get; set; }
        public long OutputTokens { get; set; }
        public long? FinalInputTokens { get; set; }
        public bool Stopped { get; set; }
    }
}
