using System.Text.Json;
using Gateway.Backends.OpenAI;
using Gateway.Streaming;
using Microsoft.Extensions.Logging;

namespace Gateway.Backends.Anthropic;

/// <summary>
/// Turns the Messages API's named SSE events into OpenAI chunks, one event at a time. One instance per stream; not thread-safe.
/// Anthropic numbers content blocks (text, thinking and tool_use alike) while OpenAI numbers tool calls, so tool-call indexes
/// count tool_use blocks from 0 and each block's index is mapped to its call.
/// </summary>
internal sealed class AnthropicStreamTranslator : IDisposable
{
    private readonly string _fallbackModel;
    private readonly bool _includeUsage;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private OpenAiChunkWriter? _writer;
    private AnthropicUsage _usage;
    private string? _stopReason;
    private string? _stopSequence;
    private Dictionary<int, int>? _toolCallByBlock;

    public AnthropicStreamTranslator(string fallbackModel, bool includeUsage, TimeProvider time, ILogger logger)
    {
        _fallbackModel = fallbackModel;
        _includeUsage = includeUsage;
        _time = time;
        _logger = logger;
    }

    /// <summary>True once <c>message_stop</c>, an error event or a protocol violation has ended the answer.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>
    /// Appends the chunks <paramref name="sse"/> stands for to <paramref name="output"/>: none, one, or for <c>message_stop</c> the finish
    /// chunk and the usage (a usage chunk when the client asked for <c>include_usage</c>, else a usage report that is not forwarded).
    /// </summary>
    public void Translate(SseEvent sse, List<ChatChunk> output)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(sse.Data);
        }
        catch (JsonException)
        {
            Fail(output, $"Anthropic sent a '{sse.Name ?? "unnamed"}' event whose data is not JSON");
            return;
        }

        using (document)
        {
            try
            {
                Dispatch(sse.Name, document.RootElement, output);
            }
            catch (InvalidOperationException)
            {
                // A JSON value of the wrong kind where the protocol names another (an index that is a string, a block that is an array).
                Fail(output, $"Anthropic sent a '{sse.Name ?? "unnamed"}' event whose JSON does not have the Messages API's shape");
            }
        }
    }

    private void Dispatch(string? eventName, JsonElement root, List<ChatChunk> output)
    {
        var name = eventName ?? (root.ValueKind == JsonValueKind.Object ? StringOf(root, "type") : null);
        if (_writer is null && name is "content_block_start" or "content_block_delta" or "message_delta" or "message_stop")
        {
            Fail(output, $"Anthropic sent {name} before message_start");
            return;
        }

        switch (name)
        {
            case "message_start":
                OnMessageStart(root, output);
                break;
            case "content_block_start":
                OnBlockStart(root, output);
                break;
            case "content_block_delta":
                OnBlockDelta(root, output);
                break;
            case "message_delta":
                OnMessageDelta(root);
                break;
            case "message_stop":
                OnMessageStop(output);
                break;
            case "error":
                output.Add(ChatChunk.Fail(AnthropicErrorReader.FromErrorJson(root)));
                IsFinished = true;
                break;
            default:
                // ping, content_block_stop, and event types Anthropic may add: its versioning policy says to ignore them.
                break;
        }
    }

    private void OnMessageStart(JsonElement root, List<ChatChunk> output)
    {
        if (_writer is not null)
        {
            return;
        }

        if (!root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
            || StringOf(message, "id") is not { } id)
        {
            Fail(output, "Anthropic sent a message_start without a message id");
            return;
        }

        if (message.TryGetProperty("usage", out var usage))
        {
            _usage = AnthropicUsage.Read(usage);
        }

        _writer = new OpenAiChunkWriter(id, _time.GetUtcNow().ToUnixTimeSeconds(), StringOf(message, "model") ?? _fallbackModel);
        output.Add(ChatChunk.FromJson(_writer.Role()));
    }

    private void OnBlockStart(JsonElement root, List<ChatChunk> output)
    {
        if (!root.TryGetProperty("content_block", out var block) || !block.TryGetProperty("type", out var type))
        {
            return;
        }

        if (type.ValueEquals("text"))
        {
            AddContent(output, StringOf(block, "text"));
        }
        else if (type.ValueEquals("tool_use") && root.TryGetProperty("index", out var index) && index.TryGetInt32(out var blockIndex))
        {
            _toolCallByBlock ??= [];
            var call = _toolCallByBlock.Count;
            _toolCallByBlock[blockIndex] = call;
            var id = StringOf(block, "id") ?? OpenAiIds.NewToolCallId();
            output.Add(ChatChunk.FromJson(_writer!.ToolCallStart(call, id, StringOf(block, "name") ?? string.Empty, string.Empty)));
        }
    }

    private void OnBlockDelta(JsonElement root, List<ChatChunk> output)
    {
        if (!root.TryGetProperty("delta", out var delta) || !delta.TryGetProperty("type", out var type))
        {
            return;
        }

        if (type.ValueEquals("text_delta"))
        {
            AddContent(output, StringOf(delta, "text"));
        }
        else if (type.ValueEquals("thinking_delta") && StringOf(delta, "thinking") is { Length: > 0 } thinking)
        {
            // As the whole answer carries it (AnthropicResponseReader): reasoning_content, as DeepSeek, vLLM and LM Studio stream it.
            output.Add(ChatChunk.Generated(OpenAiReasoning.Chunk(_writer!, thinking), thinking.Length));
        }
        else if (type.ValueEquals("input_json_delta")
            && StringOf(delta, "partial_json") is { Length: > 0 } fragment
            && root.TryGetProperty("index", out var index) && index.TryGetInt32(out var blockIndex)
            && _toolCallByBlock is not null && _toolCallByBlock.TryGetValue(blockIndex, out var call))
        {
            output.Add(ChatChunk.Generated(_writer!.ToolCallArguments(call, fragment), fragment.Length));
        }

        // signature_delta and citations_delta have no place in an OpenAI answer.
    }

    private void OnMessageDelta(JsonElement root)
    {
        if (root.TryGetProperty("delta", out var delta) && StringOf(delta, "stop_reason") is { } stopReason)
        {
            _stopReason = stopReason;
            _stopSequence = StringOf(delta, "stop_sequence");
        }

        if (root.TryGetProperty("usage", out var usage))
        {
            _usage = _usage.With(usage);
        }
    }

    private void OnMessageStop(List<ChatChunk> output)
    {
        var finishReason = AnthropicStopReason.ToFinishReason(_stopReason, out var known);
        if (!known)
        {
            _logger.UnknownStopReason(_stopReason!);
        }

        output.Add(ChatChunk.FromJson(_writer!.Finish(finishReason, _stopReason == "stop_sequence" ? _stopSequence : null)));
        var usage = _usage.ToOpenAi();
        output.Add(_includeUsage ? ChatChunk.FromJson(_writer.UsageChunk(usage), usage) : ChatChunk.UsageOnly(usage));

        IsFinished = true;
    }

    private void AddContent(List<ChatChunk> output, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            output.Add(ChatChunk.Generated(_writer!.Content(text), text.Length));
        }
    }

    private void Fail(List<ChatChunk> output, string message)
    {
        output.Add(ChatChunk.Fail(new UpstreamFailure { Kind = FailureKind.Protocol, Message = message }));
        IsFinished = true;
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public void Dispose() => _writer?.Dispose();
}
