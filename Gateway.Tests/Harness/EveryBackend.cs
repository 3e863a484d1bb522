using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Harness;

/// <summary>
/// All five backend kinds, each a loopback stub speaking its protocol, and <see cref="Config"/>: a gateway config with all of them,
/// a gateway key (<see cref="Key"/>) and tight request limits.
/// </summary>
internal sealed class EveryBackend : IAsyncDisposable
{
    public const string Key = "gw-fuzz-key-0123456789abcdef";

    private readonly StubUpstream[] _stubs;

    private EveryBackend(StubUpstream[] stubs) => _stubs = stubs;

    public static async Task<EveryBackend> StartAsync() => new(
    [
        await StubUpstream.StartAsync(UpstreamKind.Ollama),
        await StubUpstream.StartAsync(UpstreamKind.OpenAI),
        await StubUpstream.StartAsync(UpstreamKind.Anthropic),
        await StubUpstream.StartAsync(UpstreamKind.Azure),
        await StubUpstream.StartAsync(UpstreamKind.LMStudio),
    ]);

    public string Config => $$"""
        llm:
          backend: ollama
          ollama:
            base_url: "{{_stubs[0].Url}}"
            models: { generator: "llama3.2" }
            embedding_model: "nomic-embed-text"
          openai:
            base_url: "{{_stubs[1].Url}}/v1"
            api_key: "sk-fuzz-0123456789"
            models: { generator: "gpt-4o" }
            embedding_model: "text-embedding-3-small"
          anthropic:
            base_url: "{{_stubs[2].Url}}"
            api_key: "sk-ant-fuzz-0123456789"
            models: { generator: "claude-3-5-haiku-latest" }
          azure:
            endpoint: "{{_stubs[3].Url}}"
            api_key: "azure-fuzz-0123456789"
            deployments:
              generator: { deployment: "gpt-4o-dep", model: "gpt-4o" }
          lmstudio:
            base_url: "{{_stubs[4].Url}}/v1"
            models: { generator: "qwen2.5-7b-instruct" }
        server:
          api_keys: ["{{Key}}"]
          max_json_depth: 32
          max_messages: 64
        """;

    public async ValueTask DisposeAsync()
    {
        foreach (var stub in _stubs)
        {
            await stub.DisposeAsync();
        }
    }
}
