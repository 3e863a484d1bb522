using System.Globalization;

namespace Gateway.Backends.Ollama;

/// <summary>One object of an Ollama <c>/api/chat</c> answer: a line of the NDJSON stream, or the whole non-streamed answer.</summary>
internal readonly record struct OllamaChatLine
{
    /// <summary><c>{"error": "..."}</c>: Ollama's error, also sent as a line inside a stream that already answered 200.</summary>
    public string? Error { get; init; }

    /// <summary><c>model</c>, read only when asked for (the first line of a stream).</summary>
    public string? Model { get; init; }

    /// <summary><c>created_at</c> (RFC 3339 with nanoseconds), read only when asked for.</summary>
    public string? CreatedAt { get; init; }

    /// <summary><c>message.content</c>.</summary>
    public string? Content { get; init; }

    /// <summary><c>message.thinking</c>: what a reasoning model thought before it answered.</summary>
    public string? Thinking { get; init; }

    /// <summary><c>message.tool_calls</c> in OpenAI's terms: arguments as a JSON string, ids synthesised where Ollama gave none.</summary>
    public List<ToolCall>? ToolCalls { get; init; }

    public bool Done { get; init; }

    /// <summary><c>done_reason</c>: <c>stop</c>, <c>length</c>, or <c>load</c>/<c>unload</c>.</summary>
    public string? DoneReason { get; init; }

    public int? PromptEvalCount { get; init; }

    public int? EvalCount { get; init; }

    /// <summary>Ollama reports usage on the final object: <c>prompt_eval_count</c> and <c>eval_count</c> (either may be omitted when zero).</summary>
    public Usage Usage => new(PromptEvalCount ?? 0, EvalCount ?? 0);

    /// <summary><c>length</c> stays <c>length</c>; anything else is <c>stop</c>, or <c>tool_calls</c> when the answer called tools.</summary>
    public string FinishReason(bool calledTools) => DoneReason == "length" ? "length" : calledTools ? "tool_calls" : "stop";

    /// <summary><c>created_at</c> as Unix seconds, else now.</summary>
    public long CreatedSeconds(TimeProvider time) =>
        CreatedAt is not null && DateTimeOffset.TryParse(CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? created.ToUnixTimeSeconds()
            : time.GetUtcNow().ToUnixTimeSeconds();
}
