namespace Gateway.Backends.OpenAI;

/// <summary>What the gateway needs to know about one OpenAI stream chunk, read without building a DOM.</summary>
internal readonly record struct OpenAiChunkInfo
{
    /// <summary>The data was one complete JSON object.</summary>
    public bool IsObject { get; init; }

    /// <summary>The chunk has a non-empty <c>id</c> (Azure's annotation chunks have <c>"id": ""</c>).</summary>
    public bool HasId { get; init; }

    /// <summary>Non-null <c>usage</c>, when present.</summary>
    public Usage? Usage { get; init; }

    /// <summary>The first non-null <c>finish_reason</c> among <c>choices</c>.</summary>
    public string? FinishReason { get; init; }

    /// <summary>The characters of generated text in the choices' deltas: content, reasoning and tool-call arguments.</summary>
    public int GeneratedCharacters { get; init; }

    /// <summary><c>choices</c> is present and empty, as on the <c>include_usage</c> chunk (and Azure's prompt annotations).</summary>
    public bool EmptyChoices { get; init; }

    /// <summary>The usage chunk asked for with <c>stream_options.include_usage</c>: <c>choices: []</c> and a usage object.</summary>
    public bool IsUsageOnly => EmptyChoices && Usage is not null;

    /// <summary>A truthy top-level <c>error</c>.</summary>
    public OpenAiStreamError? Error { get; init; }
}

/// <summary>An <c>error</c> object sent inside a stream.</summary>
/// <param name="Status">The HTTP status the error states (Azure adds <c>status</c>), if any.</param>
internal sealed record OpenAiStreamError(string Message, string? Code, int? Status);
