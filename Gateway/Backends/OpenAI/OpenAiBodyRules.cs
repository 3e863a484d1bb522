namespace Gateway.Backends.OpenAI;

/// <summary>Where an OpenAI-style upstream (OpenAI, LM Studio, Azure) reads differently from the body the client sent.</summary>
/// <param name="IncludeModel">False for Azure's deployment URLs, which name the model themselves.</param>
/// <param name="MaxTokensField">
/// The token-limit field the upstream reads: a configured default goes there. Reasoning models always get <c>max_completion_tokens</c>.
/// </param>
/// <param name="RenameClientLimit">
/// Also move a limit the client sent under the other name to <paramref name="MaxTokensField"/>, for servers that read only one of them
/// (LM Studio documents only <c>max_tokens</c>; Azure API versions before 2024-09-01 know only <c>max_tokens</c>).
/// </param>
/// <param name="StreamUsage">
/// The upstream understands <c>stream_options.include_usage</c>, so a stream asks it for usage even when the client did not; the usage
/// chunk then reaches the gateway's accounting but not the client.
/// </param>
internal sealed record OpenAiBodyRules(bool IncludeModel, string MaxTokensField, bool RenameClientLimit, bool StreamUsage)
{
    /// <summary>OpenAI (and servers configured as <c>openai</c>): the client's fields as sent, defaults as <c>max_completion_tokens</c>.</summary>
    public static OpenAiBodyRules OpenAI { get; } = new(IncludeModel: true, OpenAiRequestBody.MaxCompletionTokens, RenameClientLimit: false, StreamUsage: true);

    public static OpenAiBodyRules LMStudio { get; } = new(IncludeModel: true, OpenAiRequestBody.MaxTokens, RenameClientLimit: true, StreamUsage: true);

    /// <summary>Azure's dated API; <paramref name="streamUsage"/> depends on the configured <c>api_version</c>.</summary>
    public static OpenAiBodyRules Azure(bool streamUsage) => new(IncludeModel: false, OpenAiRequestBody.MaxTokens, RenameClientLimit: true, streamUsage);
}
