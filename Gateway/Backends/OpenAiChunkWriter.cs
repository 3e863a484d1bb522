using System.Buffers;
using System.Text.Json;

namespace Gateway.Backends;

/// <summary>
/// Composes OpenAI <c>chat.completion.chunk</c> JSON for protocols that are not OpenAI's (Ollama, Anthropic). One instance per stream:
/// every chunk carries the same <c>id</c>, <c>created</c> and <c>model</c>, as OpenAI's do. Not thread-safe.
/// </summary>
internal sealed class OpenAiChunkWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;

    public OpenAiChunkWriter(string id, long created, string model)
    {
        Id = id;
        Created = created;
        Model = model;
        _json = new Utf8JsonWriter(_buffer, WireJson.Writer);
    }

    public string Id { get; }
    public long Created { get; }
    public string Model { get; }

    /// <summary>The first chunk: <c>delta: {"role":"assistant","content":""}</c>.</summary>
    public byte[] Role() => Choice(static j =>
    {
        j.WriteString("role", "assistant");
        j.WriteString("content", string.Empty);
    }, finishReason: null);

    /// <summary>A text fragment: <c>delta: {"content": text}</c>.</summary>
    public byte[] Content(string text) => Choice(j => j.WriteString("content", text), finishReason: null);

    /// <summary>The first fragment of tool call <paramref name="index"/>, carrying its id, type and name.</summary>
    public byte[] ToolCallStart(int index, string callId, string name, string arguments) => Choice(j =>
    {
        j.WriteStartArray("tool_calls");
        j.WriteStartObject();
        j.WriteNumber("index", index);
        j.WriteString("id", callId);
        j.WriteString("type", "function");
        j.WriteStartObject("function");
        j.WriteString("name", name);
        j.WriteString("arguments", arguments);
        j.WriteEndObject();
        j.WriteEndObject();
        j.WriteEndArray();
    }, finishReason: null);

    /// <summary>A later fragment of tool call <paramref name="index"/>'s arguments: only <c>index</c> and <c>function.arguments</c>.</summary>
    public byte[] ToolCallArguments(int index, string fragment) => Choice(j =>
    {
        j.WriteStartArray("tool_calls");
        j.WriteStartObject();
        j.WriteNumber("index", index);
        j.WriteStartObject("function");
        j.WriteString("arguments", fragment);
        j.WriteEndObject();
        j.WriteEndObject();
        j.WriteEndArray();
    }, finishReason: null);

    /// <summary>
    /// The finish chunk: <c>delta: {}</c> and the finish reason; with <paramref name="matchedStop"/>, the stop sequence that ended the
    /// answer as the choice's <c>stop_reason</c>, the field vLLM streams it in.
    /// </summary>
    public byte[] Finish(string finishReason, string? matchedStop = null) => Choice(static _ => { }, finishReason, matchedStop);

    /// <summary>The usage chunk sent when the client asked for <c>stream_options.include_usage</c>: <c>choices: []</c> and <c>usage</c>.</summary>
    public byte[] UsageChunk(Usage usage)
    {
        Begin();
        _json.WriteStartArray("choices");
        _json.WriteEndArray();
        WriteUsage(_json, usage);
        return End();
    }

    internal static void WriteUsage(Utf8JsonWriter json, Usage usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.PromptTokens);
        json.WriteNumber("completion_tokens", usage.CompletionTokens);
        json.WriteNumber("total_tokens", usage.TotalTokens);
        json.WriteEndObject();
    }

    private byte[] Choice(Action<Utf8JsonWriter> writeDelta, string? finishReason, string? matchedStop = null)
    {
        Begin();
        _json.WriteStartArray("choices");
        _json.WriteStartObject();
        _json.WriteNumber("index", 0);
        _json.WriteStartObject("delta");
        writeDelta(_json);
        _json.WriteEndObject();
        _json.WriteNull("logprobs");
        if (finishReason is null)
        {
            _json.WriteNull("finish_reason");
        }
        else
        {
            _json.WriteString("finish_reason", finishReason);
        }

        if (matchedStop is not null)
        {
            _json.WriteString("stop_reason", matchedStop);
        }

        _json.WriteEndObject();
        _json.WriteEndArray();
        return End();
    }

    private void Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("id", Id);
        _json.WriteString("object", "chat.completion.chunk");
        _json.WriteNumber("created", Created);
        _json.WriteString("model", Model);
    }

    public void Dispose() => _json.Dispose();

    private byte[] End()
    {
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }
}
