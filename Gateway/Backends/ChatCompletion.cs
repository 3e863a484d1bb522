namespace Gateway.Backends;

/// <summary>A whole non-streamed answer, already in OpenAI's <c>chat.completion</c> shape.</summary>
/// <param name="Json">The UTF-8 JSON body to send to the client.</param>
/// <param name="Model">The model the upstream says answered, if it said.</param>
/// <param name="Usage">Token usage, if the upstream reported it.</param>
/// <param name="FinishReason">The first choice's finish reason, if any.</param>
/// <param name="GeneratedCharacters">
/// The characters of text the model generated, as the adapter decoded them: content, reasoning and tool-call arguments of every choice.
/// They are what the gateway estimates completion tokens from when the upstream reports no usage.
/// </param>
internal sealed record ChatCompletion(ReadOnlyMemory<byte> Json, string? Model, Usage? Usage, string? FinishReason, int GeneratedCharacters)
    : IUpstreamAnswer
{
    public bool EndsLater => false;

    /// <summary>Null: <see cref="Json"/> is a <c>chat.completion</c>. Else the upstream's own answer in the client's protocol (<see cref="NativeRequest"/>).</summary>
    public string? Protocol { get; init; }
}


/// <summary>One event of a streamed answer.</summary>
internal readonly record struct ChatChunk
{
    /// <summary>
    /// UTF-8 JSON of one OpenAI <c>chat.completion.chunk</c>, written to the client as <c>data: {Data}</c>. Empty for failures, and for
    /// usage reports the client did not ask for (<see cref="Usage"/> set, nothing forwarded) so the gateway still counts tokens.
    /// </summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Usage, when this chunk carried it.</summary>
    public Usage? Usage { get; init; }

    /// <summary>Set when the upstream reported an error or broke the protocol; the stream ends after this chunk.</summary>
    public UpstreamFailure? Failure { get; init; }

    /// <summary>
    /// The characters of generated text this chunk carries, as the adapter decoded them (content, reasoning, tool-call arguments), from
    /// which completion tokens are estimated when the upstream reports no usage.
    /// </summary>
    public int GeneratedCharacters { get; init; }

    /// <summary>
    /// Null: <see cref="Data"/> is a chunk's JSON. Else <see cref="Data"/> is one whole event of the upstream's own stream in the client's
    /// protocol (<see cref="NativeRequest"/>), framing included, to be written as it is.
    /// </summary>
    public string? Protocol { get; init; }

    public static ChatChunk FromJson(ReadOnlyMemory<byte> data, Usage? usage = null) => new() { Data = data, Usage = usage };

    /// <summary>A chunk carrying <paramref name="characters"/> of generated text.</summary>
    public static ChatChunk Generated(ReadOnlyMemory<byte> data, int characters) => new() { Data = data, GeneratedCharacters = characters };

    public static ChatChunk Fail(UpstreamFailure failure) => new() { Failure = failure };

    /// <summary>A usage report that is counted but not forwarded (the client did not ask for <c>include_usage</c>).</summary>
    public static ChatChunk UsageOnly(Usage usage) => new() { Usage = usage };
}

/// <summary>A whole embeddings answer in OpenAI's list shape.</summary>
internal sealed record EmbeddingsResult(ReadOnlyMemory<byte> Json, Usage? Usage) : IUpstreamAnswer
{
    public string? Model => null;

    public bool EndsLater => false;
}
