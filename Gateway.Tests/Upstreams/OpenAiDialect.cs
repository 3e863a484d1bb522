namespace Gateway.Tests.Upstreams;

/// <summary>
/// What differs between services that speak the OpenAI protocol (api.openai.com, LM Studio): their fixtures, their error
/// bodies, and whether <c>system_fingerprint</c> mirrors the model id.
/// </summary>
internal sealed record OpenAiDialect
{
    public static OpenAiDialect OpenAI { get; } = new()
    {
        ChatCompletion = OpenAiPayloads.ChatCompletion,
        ChatCompletionModel = OpenAiPayloads.ChatCompletionModel,
        TextStream = OpenAiPayloads.TextStream,
        TextStreamWithoutUsage = OpenAiPayloads.TextStreamWithoutUsage,
        StreamModel = OpenAiPayloads.StreamModel,
        FingerprintIsModel = false,
        ModelRequired = true,
        ModelList = OpenAiPayloads.ModelList,
        EmbeddingModel = "text-embedding-ada-002",
        EmbeddingVector = OpenAiPayloads.EmbeddingVector,
        EmbeddingTokens = 8,
        InvalidJsonError = OpenAiPayloads.InvalidJsonError,
        MissingKeyError = OpenAiPayloads.MissingApiKeyError,
        InvalidKeyError = OpenAiPayloads.InvalidApiKeyError,
        RequestIdHeader = "x-request-id",
        ModelNotFound = (model, _) => StubResponse.Json(404, OpenAiPayloads.ModelNotFoundError(model)),
        UnknownRoute = request => StubResponse.Json(404, OpenAiPayloads.InvalidUrlError(request.Method, request.Path)),
    };

    public static OpenAiDialect LMStudio { get; } = new()
    {
        ChatCompletion = LmStudioPayloads.ChatCompletion,
        ChatCompletionModel = LmStudioPayloads.ChatModel,
        TextStream = LmStudioPayloads.TextStream,
        TextStreamWithoutUsage = LmStudioPayloads.TextStreamWithoutUsage,
        StreamModel = LmStudioPayloads.ChatModel,
        FingerprintIsModel = true,
        ModelRequired = false,
        ModelList = LmStudioPayloads.ModelList,
        EmbeddingModel = LmStudioPayloads.EmbeddingModel,
        EmbeddingVector = LmStudioPayloads.EmbeddingVector,
        EmbeddingTokens = 0,
        InvalidJsonError = OpenAiPayloads.InvalidJsonError,
        MissingKeyError = LmStudioPayloads.MissingTokenError,
        InvalidKeyError = LmStudioPayloads.InvalidTokenError,
        RequestIdHeader = null,
        ModelNotFound = (model, known) => StubResponse.Json(404, LmStudioPayloads.ModelNotFoundError(model, known)),
        UnknownRoute = request => StubResponse.Json(200, LmStudioPayloads.UnexpectedEndpointError(request.Method, request.Path)),
    };

    public required string ChatCompletion { get; init; }

    public required string ChatCompletionModel { get; init; }

    public required IReadOnlyList<string> TextStream { get; init; }

    public required IReadOnlyList<string> TextStreamWithoutUsage { get; init; }

    public required string StreamModel { get; init; }

    /// <summary>LM Studio reports the model id as <c>system_fingerprint</c>, so echoing the model must rewrite both.</summary>
    public required bool FingerprintIsModel { get; init; }

    /// <summary>OpenAI rejects a request without <c>model</c>; LM Studio answers with whatever model is loaded.</summary>
    public required bool ModelRequired { get; init; }

    public required string ModelList { get; init; }

    public required string EmbeddingModel { get; init; }

    public required IReadOnlyList<float> EmbeddingVector { get; init; }

    /// <summary><c>usage.prompt_tokens</c> / <c>total_tokens</c> of an embeddings answer (LM Studio reports zeros).</summary>
    public required int EmbeddingTokens { get; init; }

    public required string InvalidJsonError { get; init; }

    public required string MissingKeyError { get; init; }

    public required string InvalidKeyError { get; init; }

    /// <summary>Response header carrying a request id on every answer, or null when the service sends none.</summary>
    public required string? RequestIdHeader { get; init; }

    /// <summary>The answer for a model outside <see cref="StubUpstream.KnownModels"/> (given the requested and the known models).</summary>
    public required Func<string, IReadOnlyCollection<string>, StubResponse> ModelNotFound { get; init; }

    /// <summary>The answer for a route the service does not have.</summary>
    public required Func<RecordedRequest, StubResponse> UnknownRoute { get; init; }
}
