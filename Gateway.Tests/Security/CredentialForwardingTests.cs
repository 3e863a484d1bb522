using System.Text;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Security;

/// <summary>The client's credentials stay at the gateway: each backend receives its own configured key and nothing the client sent.</summary>
public sealed class CredentialForwardingTests : IAsyncLifetime
{
    private const string ClientKey = "gw-client-key-0123456789abcdef";

    private static readonly Dictionary<string, (UpstreamKind Kind, string Key)> Backends = new()
    {
        ["ollama"] = (UpstreamKind.Ollama, "ollama-key-0123456789"),
        ["openai"] = (UpstreamKind.OpenAI, "sk-openai-key-0123456789"),
        ["anthropic"] = (UpstreamKind.Anthropic, "sk-ant-key-0123456789"),
        ["azure"] = (UpstreamKind.Azure, "azure-key-0123456789"),
        ["lmstudio"] = (UpstreamKind.LMStudio, "lmstudio-key-0123456789"),
    };

    private readonly Dictionary<string, StubUpstream> _stubs = [];
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        foreach (var (name, (kind, key)) in Backends)
        {
            var stub = await StubUpstream.StartAsync(kind);
            stub.ExpectedApiKey = key;
            _stubs[name] = stub;
        }

        _gateway = await TestGateway.For($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{_stubs["ollama"].Url}}"
                api_key: "${OLLAMA_KEY}"
                models: { generator: "llama3.2" }
                embedding_model: "nomic-embed-text"
              openai:
                base_url: "{{_stubs["openai"].Url}}/v1"
                api_key: "${OPENAI_KEY}"
                models: { generator: "gpt-4o" }
                embedding_model: "text-embedding-3-small"
              anthropic:
                base_url: "{{_stubs["anthropic"].Url}}"
                api_key: "${ANTHROPIC_KEY}"
                models: { generator: "claude-3-5-haiku-latest" }
              azure:
                endpoint: "{{_stubs["azure"].Url}}"
                api_key: "${AZURE_KEY}"
                deployments:
                  generator: { deployment: "gpt-4o-dep", model: "gpt-4o" }
                  embedder: { deployment: "embed-dep", model: "text-embedding-3-small" }
              lmstudio:
                base_url: "{{_stubs["lmstudio"].Url}}/v1"
                api_key: "${LMSTUDIO_KEY}"
                models: { generator: "qwen2.5-7b-instruct" }
            server:
              api_keys: ["{{ClientKey}}"]
            """).WithEnvironment(new Dictionary<string, string>
        {
            ["OLLAMA_KEY"] = Backends["ollama"].Key,
            ["OPENAI_KEY"] = Backends["openai"].Key,
            ["ANTHROPIC_KEY"] = Backends["anthropic"].Key,
            ["AZURE_KEY"] = Backends["azure"].Key,
            ["LMSTUDIO_KEY"] = Backends["lmstudio"].Key,
        }).StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var stub in _stubs.Values)
        {
            await stub.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryBackend_ClientSendsItsCredentials_UpstreamSeesOnlyItsConfiguredKey()
    {
        foreach (var backend in Backends.Keys)
        {
            foreach (var stream in (bool[])[false, true])
            {
                using var response = await SendAsync("/v1/chat/completions", $$"""{"model":"{{backend}}/generator","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""");
                Assert.True(200 == (int)response.StatusCode, $"{backend}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        foreach (var model in (string[])["ollama/nomic-embed-text", "openai/text-embedding-3-small", "azure/embedder", "lmstudio/text-embedding-nomic"])
        {
            using var response = await SendAsync("/v1/embeddings", $$"""{"model":"{{model}}","input":"hi"}""");
            Assert.True(200 == (int)response.StatusCode, $"{model}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        foreach (var (name, stub) in _stubs)
        {
            Assert.NotEmpty(stub.Requests);
            foreach (var request in stub.Requests)
            {
                var headers = string.Join('\n', request.Headers.Select(h => $"{h.Key}: {h.Value}"));
                Assert.DoesNotContain(ClientKey, headers, StringComparison.Ordinal);
                Assert.DoesNotContain("client-azure-style", headers, StringComparison.Ordinal);
                Assert.Contains(Backends[name].Key, headers, StringComparison.Ordinal);
                Assert.DoesNotContain(ClientKey, request.Body, StringComparison.Ordinal);
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Authorization", $"Bearer {ClientKey}");
        request.Headers.Add("x-api-key", ClientKey);
        request.Headers.Add("api-key", "client-azure-style-0123456789");
        request.Headers.Add("OpenAI-Organization", "client-org");
        return await _gateway.Http.SendAsync(request);
    }
}
