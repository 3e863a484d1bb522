using System.Buffers;
using System.IO.Pipelines;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Redaction;

namespace Gateway.Surfaces.Anthropic;

/// <summary>
/// Writes one stream's Chat Completions chunks as Anthropic's event sequence, each event as soon as its chunk arrives:
/// <c>message_start</c>; per content block <c>content_block_start</c>, its deltas, <c>content_block_stop</c>; then
/// <c>message_delta</c> (stop reason and usage) and <c>message_stop</c>. One block is open at a time: a block starts when the kind
/// of content changes (reasoning, text, tool call) or a tool call of a new index appears, and the open one stops first, so no delta
/// ever names a block that has not started or has stopped. One instance per stream; not thread-safe.
/// </summary>
/// <remarks>
/// The finish reason and the usage may come in separate chunks (OpenAI sends usage last), so <c>message_delta</c> is written once, at
/// the end, with both. <c>message_start</c> carries the input tokens known by then: the upstream's, when its first chunk reported
/// them, else <paramref name="inputEstimate"/> (clients show a zero as an empty context); the final <c>message_delta</c> then
/// carries the upstream's input count, which clients take over.
/// </remarks>
internal sealed partial class AnthropicStreamEncoder(SecretRedactor redactor, int inputEstimate, HttpResponse? response = null) : IChatStreamEncoder
{
    private bool _native;
    private HashSet<int>? _toolCalls;
    private bool _started;
    private bool _ended;
    private BlockKind _open;
    private int _openToolCall = -1;
    private int _blocks;
    private string? _finishReason;
    private string? _matchedStop;
    private MessageUsage? _usage;
    private long _generated;

    private enum BlockKind
    {
        None,
        Thinking,
        Text,
        ToolUse,
    }

    /// <summary>Anthropic's API pings every few seconds; Claude Code gives up on a stream silent for five minutes, proxies sooner.</summary>
    public static readonly TimeSpan PingAfter = TimeSpan.FromSeconds(10);

    private int OpenIndex => _blocks - 1;

    public TimeSpan? KeepAliveAfter => PingAfter;

    /// <summary>A <c>ping</c> once <c>message_start</c> is out (an event before it would be out of sequence).</summary>
    public void WriteKeepAlive(PipeWriter body)
    {
        if (_started && !_ended)
        {
            NamedEventWriter.End(body, NamedEventWriter.Begin(body, "ping"));
        }
    }

    public void WriteEvent(PipeWriter body, ChatChunk chunk)
    {
        if (_ended)
        {
            return;
        }

        if (chunk.Protocol == NativeRequest.AnthropicMessages)
        {
            // The upstream's own event: its sequence is already Anthropic's, message_stop included.
            if (!_started && response is not null)
            {
                SurfaceAnswers.PassUpstreamHeaders(response);
            }

            _native = _started = true;
            body.Write(chunk.Data.Span);
            return;
        }

        if (!_started && response is not null)
        {
            IgnoredFields.Tell(response);
        }

        if (ChatChunkReader.Read(chunk.Data) is not { } parts)
        {
            return;
        }

        _generated += chunk.GeneratedCharacters;
        _usage = parts.Usage is { } read ? MessageUsage.From(read) : (chunk.Usage is { } usage ? MessageUsage.From(usage) : _usage);
        if (!_started)
        {
            WriteMessageStart(body, parts.Id, parts.Model);
        }

        if (!string.IsNullOrEmpty(parts.Reasoning))
        {
            Open(body, BlockKind.Thinking);
            WriteDelta(body, "thinking_delta", "thinking", parts.Reasoning);
        }

        if (!string.IsNullOrEmpty(parts.Content))
        {
            Open(body, BlockKind.Text);
            WriteDelta(body, "text_delta", "text", parts.Content);
        }

        foreach (var fragment in parts.ToolCalls)
        {
            WriteToolCall(body, fragment);
        }

        _finishReason = parts.FinishReason ?? _finishReason;
        _matchedStop = parts.MatchedStop ?? _matchedStop;
    }

    public void WriteEnd(PipeWriter body)
    {
        if (_ended || _native)
        {
            _ended = true; // a native stream ends only after the upstream's message_stop, passed on with the rest
            return;
        }

        if (!_started)
        {
            WriteMessageStart(body, null, null);
        }

        Close(body);
        WriteMessageDelta(body);
        NamedEventWriter.End(body, NamedEventWriter.Begin(body, "message_stop"));
        _ended = true;
    }

    public void WriteError(PipeWriter body, ApiError error)
    {
        if (_ended)
        {
            return;
        }

        NamedEventWriter.Raw(body, "error", AnthropicErrorWriter.Serialize(redactor.Redact(error)));
        _ended = true;
    }

    private void WriteToolCall(PipeWriter body, ToolCallFragment fragment)
    {
        if (_open != BlockKind.ToolUse || _openToolCall != fragment.Index)
        {
            _toolCalls ??= [];
            if (!_toolCalls.Add(fragment.Index))
            {
                // A call whose block has stopped cannot take more input; the adapters send each call's fragments together.
                return;
            }

            Close(body);
            WriteToolUseStart(body, fragment.Id ?? OpenAiIds.NewToolCallId(), fragment.Name ?? string.Empty);
            _open = BlockKind.ToolUse;
            _openToolCall = fragment.Index;
        }

        if (!string.IsNullOrEmpty(fragment.Arguments))
        {
            WriteDelta(body, "input_json_delta", "partial_json", fragment.Arguments);
        }
    }

    /// <summary>Makes a block of <paramref name="kind"/> the open one, stopping the block open before it.</summary>
    private void Open(PipeWriter body, BlockKind kind)
    {
        if (_open == kind)
        {
            return;
        }

        Close(body);
        WriteBlockStart(body, kind);
        _open = kind;
    }

    private void Close(PipeWriter body)
    {
        if (_open == BlockKind.None)
        {
            return;
        }

        var json = NamedEventWriter.Begin(body, "content_block_stop");
        json.WriteNumber("index", OpenIndex);
        NamedEventWriter.End(body, json);
        _open = BlockKind.None;
        _openToolCall = -1;
    }
}
