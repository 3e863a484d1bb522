namespace Gateway.Tests.Upstreams;

/// <summary>The wire protocol a <see cref="StubUpstream"/> speaks when nothing is scripted.</summary>
internal enum UpstreamKind
{
    /// <summary>api.openai.com: <c>/v1/chat/completions</c>, <c>/v1/embeddings</c>, <c>/v1/models</c>, Bearer auth.</summary>
    OpenAI,

    /// <summary>Azure OpenAI dated API: <c>/openai/deployments/{dep}/…?api-version=</c>, <c>api-key</c> header.</summary>
    Azure,

    /// <summary>Anthropic Messages: <c>/v1/messages</c>, <c>x-api-key</c> + <c>anthropic-version</c>, named SSE events.</summary>
    Anthropic,

    /// <summary>Ollama native: <c>/api/chat</c> (NDJSON by default), <c>/api/embed</c>, <c>/api/tags</c>.</summary>
    Ollama,

    /// <summary>LM Studio's OpenAI-compatible server: OpenAI routes with LM Studio's payload quirks.</summary>
    LMStudio,
}
