namespace Gateway.Streaming;

/// <summary>One server-sent event: its <c>event:</c> name (null when absent) and its <c>data:</c> lines joined by <c>\n</c>.</summary>
internal readonly record struct SseEvent(string? Name, ReadOnlyMemory<byte> Data)
{
    /// <summary>True for OpenAI's terminator, <c>data: [DONE]</c>.</summary>
    public bool IsDone => Data.Span.SequenceEqual("[DONE]"u8);
}
