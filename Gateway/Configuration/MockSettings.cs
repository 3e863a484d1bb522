namespace Gateway.Configuration;

/// <summary>How a mock section (<c>llm.mock</c>, <c>llm.mock_fallback</c>) answers: its text, its pace, and the failures it injects.</summary>
internal sealed record MockSettings
{
    public const int DefaultEmbeddingDimensions = 16;
    public const int DefaultFailStatus = 503;

    /// <summary><c>reply</c>: the text of every answer; null for the default, which quotes the last user message.</summary>
    public string? Reply { get; init; }

    /// <summary><c>latency_ms</c>: the wait before an answer's headers (time to first byte).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary><c>chunk_delay_ms</c>: the pause between two streamed chunks.</summary>
    public TimeSpan ChunkDelay { get; init; }

    /// <summary><c>embedding_dimensions</c>: the vector length when a request sets no <c>dimensions</c>.</summary>
    public int EmbeddingDimensions { get; init; } = DefaultEmbeddingDimensions;

    /// <summary><c>fail_rate</c>: the share of requests (0 to 1) that fail at random.</summary>
    public double FailRate { get; init; }

    /// <summary><c>fail_status</c>: the HTTP status of an injected failure.</summary>
    public int FailStatus { get; init; } = DefaultFailStatus;

    /// <summary><c>fail_first_n</c>: this many requests fail after the gateway starts, then every request succeeds.</summary>
    public int FailFirstN { get; init; }

    /// <summary><c>fail_on_text</c>: a request whose messages or input contain this text fails (failure on demand).</summary>
    public string? FailOnText { get; init; }
}
