namespace Gateway.Surfaces.Anthropic;

/// <summary>OpenAI's <c>finish_reason</c> as Anthropic's <c>stop_reason</c>.</summary>
internal static class AnthropicStopReasons
{
    public const string StopSequence = "stop_sequence";

    /// <summary>
    /// <c>stop</c> → <c>end_turn</c>, <c>length</c> → <c>max_tokens</c>, <c>tool_calls</c> (and the older <c>function_call</c>) →
    /// <c>tool_use</c>, <c>content_filter</c> → <c>refusal</c>. An answer that called tools stops with <c>tool_use</c> even when
    /// the upstream said <c>stop</c> (some servers do), as clients run tools on it; a missing or unknown reason is <c>end_turn</c>.
    /// Which stop sequence matched is not part of a Chat Completions answer; where the choice names it (<paramref name="matchedStop"/>,
    /// vLLM's <c>stop_reason</c> and the Anthropic adapter's), a <c>stop</c> is <c>stop_sequence</c>.
    /// </summary>
    public static string For(string? finishReason, bool calledTools, string? matchedStop = null) => finishReason switch
    {
        "stop" when !string.IsNullOrEmpty(matchedStop) && !calledTools => StopSequence,
        "length" => "max_tokens",
        "tool_calls" or "function_call" => "tool_use",
        "content_filter" => "refusal",
        _ when calledTools => "tool_use",
        _ => "end_turn",
    };
}
