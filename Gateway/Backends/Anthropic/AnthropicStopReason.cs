namespace Gateway.Backends.Anthropic;

/// <summary>Maps Anthropic's <c>stop_reason</c> to OpenAI's <c>finish_reason</c>.</summary>
internal static class AnthropicStopReason
{
    /// <summary>
    /// The OpenAI finish reason for <paramref name="stopReason"/>. A value this table does not know becomes <c>stop</c> with
    /// <paramref name="known"/> false, so the caller can log it (Anthropic adds stop reasons over time; a client should still get an answer).
    /// A missing stop reason is <c>stop</c> and counts as known.
    /// </summary>
    public static string ToFinishReason(string? stopReason, out bool known)
    {
        known = true;
        switch (stopReason)
        {
            case null or "end_turn" or "stop_sequence" or "pause_turn":
                return "stop";
            case "max_tokens" or "model_context_window_exceeded":
                return "length";
            case "tool_use":
                return "tool_calls";
            case "refusal":
                return "content_filter";
            default:
                known = false;
                return "stop";
        }
    }
}
