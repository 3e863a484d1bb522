using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Gateway.Backends;

namespace Gateway.Surfaces.Responses;

/// <summary>The events' JSON, in the shapes and order of OpenAI's own Responses streams.</summary>
internal sealed partial class ResponsesStreamEncoder
{
    /// <summary>Starts event <paramref name="type"/> with its <c>sequence_number</c>.</summary>
    private Utf8JsonWriter Begin(PipeWriter body, string type)
    {
        var json = NamedEventWriter.Begin(body, type);
        json.WriteNumber("sequence_number", _sequence++);
        return json;
    }

    private void WriteStart(PipeWriter body)
    {
        _started = true;
        WriteLifecycle(body, "response.created", new ResponseObjectWriter.State("in_progress", _model, [], null));
        WriteLifecycle(body, "response.in_progress", new ResponseObjectWriter.State("in_progress", _model, [], null));
    }

    private void WriteLifecycle(PipeWriter body, string type, ResponseObjectWriter.State state)
    {
        var json = Begin(body, type);
        json.WritePropertyName("response");
        ResponseObjectWriter.Write(json, turn, state);
        NamedEventWriter.End(body, json);
    }

    /// <summary>The terminal event, with every finished item and the usage; the finished response is kept for the turn first.</summary>
    private void WriteFinish(PipeWriter body)
    {
        var (status, reason) = ResponseAnswerWriter.Ending(_finishReason);
        var usage = _usage ?? ReportedUsage.Estimated(inputEstimate, _generated);
        var state = new ResponseObjectWriter.State(status, _model, _output, usage, reason);
        var finished = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(finished, WireJson.Writer))
        {
            ResponseObjectWriter.Write(json, turn, state);
        }

        turn.Keep(turn.Id, finished.WrittenSpan, response?.Headers[GatewayHeaders.Backend]);
        var terminal = Begin(body, status == "incomplete" ? "response.incomplete" : "response.completed");
        terminal.WritePropertyName("response");
        terminal.WriteRawValue(finished.WrittenSpan, skipInputValidation: true);
        NamedEventWriter.End(body, terminal);
    }

    /// <summary>Makes an item of <paramref name="kind"/> the open one, finishing the item open before it.</summary>
    private void Open(PipeWriter body, ItemKind kind)
    {
        if (_open == kind && kind != ItemKind.FunctionCall)
        {
            return;
        }

        Close(body);
        _open = kind;
        _itemId = kind switch
        {
            ItemKind.Reasoning => ResponseIds.Reasoning(),
            ItemKind.FunctionCall => ResponseIds.FunctionCall(),
            _ => ResponseIds.Message(),
        };

        var added = Begin(body, "response.output_item.added");
        added.WriteNumber("output_index", OpenIndex);
        added.WritePropertyName("item");
        added.WriteRawValue(kind switch
        {
            ItemKind.Reasoning => ResponseItems.Reasoning(_itemId, null),
            ItemKind.FunctionCall => ResponseItems.FunctionCall(_itemId, "in_progress", _callId, _callName, string.Empty),
            _ => ResponseItems.Message(_itemId, "in_progress", null),
        }, skipInputValidation: true);
        NamedEventWriter.End(body, added);
        if (kind == ItemKind.FunctionCall)
        {
            return; // a call has no content parts: its arguments stream straight onto the item
        }

        var part = Begin(body, kind == ItemKind.Reasoning ? "response.reasoning_summary_part.added" : "response.content_part.added");
        WritePartPlace(part, kind);
        part.WritePropertyName("part");
        WritePart(part, kind, string.Empty);
        NamedEventWriter.End(body, part);
    }

    /// <summary>Finishes the open item: its text's <c>.done</c>, its part's <c>.done</c>, then <c>response.output_item.done</c>.</summary>
    private void Close(PipeWriter body)
    {
        if (_open == ItemKind.None)
        {
            return;
        }

        var text = _text.ToString();
        byte[] item;
        if (_open == ItemKind.FunctionCall)
        {
            var done = Begin(body, "response.function_call_arguments.done");
            done.WriteString("item_id", _itemId);
            done.WriteNumber("output_index", OpenIndex);
            done.WriteString("name", _callName);
            done.WriteString("arguments", text);
            NamedEventWriter.End(body, done);
            item = ResponseItems.FunctionCall(_itemId, "completed", _callId, _callName, text);
        }
        else
        {
            var reasoning = _open == ItemKind.Reasoning;
            var textDone = Begin(body, reasoning ? "response.reasoning_summary_text.done" : "response.output_text.done");
            WritePartPlace(textDone, _open);
            textDone.WriteString("text", text);
            if (!reasoning)
            {
                WriteNoLogprobs(textDone);
            }

            NamedEventWriter.End(body, textDone);
            var partDone = Begin(body, reasoning ? "response.reasoning_summary_part.done" : "response.content_part.done");
            WritePartPlace(partDone, _open);
            partDone.WritePropertyName("part");
            WritePart(partDone, _open, text);
            NamedEventWriter.End(body, partDone);
            var status = ResponseAnswerWriter.Ending(_finishReason).Status;
            item = reasoning ? ResponseItems.Reasoning(_itemId, text) : ResponseItems.Message(_itemId, status, text);
        }

        var itemDone = Begin(body, "response.output_item.done");
        itemDone.WriteNumber("output_index", OpenIndex);
        itemDone.WritePropertyName("item");
        itemDone.WriteRawValue(item, skipInputValidation: true);
        NamedEventWriter.End(body, itemDone);
        _output.Add(item);
        _text.Clear();
        _open = ItemKind.None;
        _callIndex = -1;
    }

    private void WriteTextDelta(PipeWriter body, string type, string indexName, string delta)
    {
        _text.Append(delta);
        var json = Begin(body, type);
        json.WriteString("item_id", _itemId);
        json.WriteNumber("output_index", OpenIndex);
        json.WriteNumber(indexName, 0);
        json.WriteString("delta", delta);
        if (_open == ItemKind.Message)
        {
            WriteNoLogprobs(json);
        }

        NamedEventWriter.End(body, json);
    }

    private void WritePartPlace(Utf8JsonWriter json, ItemKind kind)
    {
        json.WriteString("item_id", _itemId);
        json.WriteNumber("output_index", OpenIndex);
        json.WriteNumber(kind == ItemKind.Reasoning ? "summary_index" : "content_index", 0);
    }

    private static void WritePart(Utf8JsonWriter json, ItemKind kind, string text)
    {
        if (kind == ItemKind.Reasoning)
        {
            ResponseItems.SummaryPart(json, text);
        }
        else
        {
            ResponseItems.TextPart(json, text);
        }
    }

    private static void WriteNoLogprobs(Utf8JsonWriter json)
    {
        json.WriteStartArray("logprobs");
        json.WriteEndArray();
    }
}
