using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Redaction;

namespace Gateway.Surfaces.Responses;

/// <summary>
/// Writes one stream's Chat Completions chunks as the Responses API's event sequence, each event as soon as its chunk arrives, every
/// one numbered by <c>sequence_number</c> from 0: <c>response.created</c> and <c>response.in_progress</c>; per output item
/// <c>response.output_item.added</c>, its parts and deltas, their <c>.done</c> events, <c>response.output_item.done</c>; then
/// <c>response.completed</c> (or <c>response.incomplete</c>) with every finished item and the usage (T8). One item is open at a time:
/// a new one starts when the kind of content changes (reasoning, text, a call of a new index) and the open one is finished first, so
/// no delta ever follows its item's <c>.done</c>. One instance per stream; not thread-safe.
/// </summary>
internal sealed partial class ResponsesStreamEncoder(SecretRedactor redactor, ResponsesTurn turn, int inputEstimate, HttpResponse? response = null)
    : IChatStreamEncoder
{
    private readonly List<byte[]> _output = [];
    private readonly StringBuilder _text = new();
    private HashSet<int>? _calls;
    private int _sequence;
    private bool _started;
    private bool _ended;
    private bool _native;
    private ItemKind _open;
    private string _itemId = string.Empty;
    private int _callIndex = -1;
    private string _callId = string.Empty;
    private string _callName = string.Empty;
    private string? _model;
    private string? _finishReason;
    private ReportedUsage? _usage;
    private long _generated;

    private enum ItemKind
    {
        None,
        Reasoning,
        Message,
        FunctionCall,
    }

    private int OpenIndex => _output.Count;

    public void WriteEvent(PipeWriter body, ChatChunk chunk)
    {
        if (_ended)
        {
            return;
        }

        if (chunk.Protocol == NativeRequest.OpenAiResponses)
        {
            WriteNative(body, chunk);
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
        _usage = parts.Usage ?? (chunk.Usage is { } usage ? ReportedUsage.From(usage) : _usage);
        _model ??= parts.Model;
        if (!_started)
        {
            WriteStart(body);
        }

        if (!string.IsNullOrEmpty(parts.Reasoning))
        {
            Open(body, ItemKind.Reasoning);
            WriteTextDelta(body, "response.reasoning_summary_text.delta", "summary_index", parts.Reasoning);
        }

        if (!string.IsNullOrEmpty(parts.Content))
        {
            Open(body, ItemKind.Message);
            WriteTextDelta(body, "response.output_text.delta", "content_index", parts.Content);
        }

        foreach (var fragment in parts.ToolCalls)
        {
            WriteCall(body, fragment);
        }

        _finishReason = parts.FinishReason ?? _finishReason;
    }

    public void WriteEnd(PipeWriter body)
    {
        if (_ended || _native)
        {
            _ended = true; // a native stream ends with the upstream's own terminal event, passed on with the rest
            return;
        }

        if (!_started)
        {
            WriteStart(body);
        }

        if (_output.Count == 0 && _open == ItemKind.None)
        {
            Open(body, ItemKind.Message); // SDKs read the answer's text from a message item
        }

        Close(body);
        WriteFinish(body);
        _ended = true;
    }

    public void WriteError(PipeWriter body, ApiError error)
    {
        if (_ended)
        {
            return;
        }

        error = redactor.Redact(error);
        if (_native && error.WireError is { } wire)
        {
            NamedEventWriter.Raw(body, "error", Encoding.UTF8.GetBytes(wire)); // the upstream's own error event, as it came
            _ended = true;
            return;
        }

        var json = NamedEventWriter.Begin(body, "error");
        json.WriteString("code", error.Code ?? error.Type);
        json.WriteString("message", error.Message);
        if (error.Param is { } param)
        {
            json.WriteString("param", param);
        }
        else
        {
            json.WriteNull("param");
        }

        json.WriteNumber("sequence_number", _sequence++);
        NamedEventWriter.End(body, json);
        _ended = true;
    }

    private void WriteCall(PipeWriter body, ToolCallFragment fragment)
    {
        if (_open != ItemKind.FunctionCall || _callIndex != fragment.Index)
        {
            _calls ??= [];
            if (!_calls.Add(fragment.Index))
            {
                return; // a finished call cannot take more arguments; the adapters send each call's fragments together
            }

            Close(body);
            _callIndex = fragment.Index;
            _callId = fragment.Id ?? OpenAiIds.NewToolCallId();
            _callName = fragment.Name ?? string.Empty;
            Open(body, ItemKind.FunctionCall);
        }

        if (!string.IsNullOrEmpty(fragment.Arguments))
        {
            _text.Append(fragment.Arguments);
            var json = Begin(body, "response.function_call_arguments.delta");
            json.WriteString("item_id", _itemId);
            json.WriteNumber("output_index", OpenIndex);
            json.WriteString("delta", fragment.Arguments);
            NamedEventWriter.End(body, json);
        }
    }

    /// <summary>An upstream event in this protocol, passed on; the finished response it ends with is kept for the turn.</summary>
    private void WriteNative(PipeWriter body, ChatChunk chunk)
    {
        if (!_started && response is not null)
        {
            SurfaceAnswers.PassUpstreamHeaders(response);
        }

        _native = _started = true;
        _sequence++; // the upstream numbers its events from 0, one by one; an error of the gateway's own follows on
        if (turn.Keeps && ResponsesSurface.FinishedResponse(chunk.Data) is { } finished)
        {
            turn.Keep(finished.Id, finished.Json, response?.Headers[GatewayHeaders.Backend]);
        }

        body.Write(chunk.Data.Span);
    }
}
