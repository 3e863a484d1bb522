using System.IO.Pipelines;
using System.Text.Json;

namespace Gateway.Surfaces.Anthropic;

/// <summary>The events' JSON, in the shapes of Anthropic's own streams.</summary>
internal sealed partial class AnthropicStreamEncoder
{
    private void WriteMessageStart(PipeWriter body, string? id, string? model)
    {
        var json = NamedEventWriter.Begin(body, "message_start");
        json.WriteStartObject("message");
        json.WriteString("id", MessageIds.From(id));
        json.WriteString("type", "message");
        json.WriteString("role", "assistant");
        json.WriteString("model", model ?? string.Empty);
        json.WriteStartArray("content");
        json.WriteEndArray();
        json.WriteNull("stop_reason");
        json.WriteNull("stop_sequence");
        json.WriteStartObject("usage");
        var known = _usage ?? new MessageUsage(inputEstimate, 0);
        (known with { OutputTokens = 1 }).WriteCounts(json); // as Anthropic's streams start: the output so far is not counted yet
        json.WriteEndObject();
        json.WriteEndObject();
        NamedEventWriter.End(body, json);
        _started = true;
    }

    private void WriteBlockStart(PipeWriter body, BlockKind kind)
    {
        var json = BeginBlock(body);
        if (kind == BlockKind.Thinking)
        {
            json.WriteString("type", "thinking");
            json.WriteString("thinking", string.Empty);
            json.WriteString("signature", string.Empty);
        }
        else
        {
            json.WriteString("type", "text");
            json.WriteString("text", string.Empty);
        }

        EndBlock(body, json);
    }

    private void WriteToolUseStart(PipeWriter body, string id, string name)
    {
        var json = BeginBlock(body);
        json.WriteString("type", "tool_use");
        json.WriteString("id", id);
        json.WriteString("name", name);
        AnthropicMessageWriter.WriteDirectCaller(json);
        json.WriteStartObject("input");
        json.WriteEndObject();
        EndBlock(body, json);
    }

    private Utf8JsonWriter BeginBlock(PipeWriter body)
    {
        var json = NamedEventWriter.Begin(body, "content_block_start");
        json.WriteNumber("index", _blocks++);
        json.WriteStartObject("content_block");
        return json;
    }

    private static void EndBlock(PipeWriter body, Utf8JsonWriter json)
    {
        json.WriteEndObject(); // content_block
        NamedEventWriter.End(body, json);
    }

    private void WriteDelta(PipeWriter body, string type, string field, string value)
    {
        var json = NamedEventWriter.Begin(body, "content_block_delta");
        json.WriteNumber("index", OpenIndex);
        json.WriteStartObject("delta");
        json.WriteString("type", type);
        json.WriteString(field, value);
        json.WriteEndObject();
        NamedEventWriter.End(body, json);
    }

    private void WriteMessageDelta(PipeWriter body)
    {
        var json = NamedEventWriter.Begin(body, "message_delta");
        json.WriteStartObject("delta");
        var stopReason = AnthropicStopReasons.For(_finishReason, _toolCalls is { Count: > 0 }, _matchedStop);
        json.WriteString("stop_reason", stopReason);
        if (stopReason == AnthropicStopReasons.StopSequence)
        {
            json.WriteString("stop_sequence", _matchedStop);
        }
        else
        {
            json.WriteNull("stop_sequence");
        }
        json.WriteEndObject();
        json.WriteStartObject("usage");
        if (_usage is { } usage)
        {
            usage.WriteCounts(json);
        }
        else
        {
            json.WriteNumber("output_tokens", ReportedUsage.EstimateOutput(_generated));
        }

        json.WriteEndObject();
        NamedEventWriter.End(body, json);
    }
}
