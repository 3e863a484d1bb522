using Gateway.Tests.ClaudeCode;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Codex;

/// <summary>
/// One loopback stand-in per backend, each playing a <see cref="ShellTurn"/>; one gateway with all five and the built-in mock configured
/// and a gateway key, noting what its clients send (<see cref="Inbound"/>); a <see cref="RefusingProxy"/> for whatever would leave the
/// machine; and a scratch folder for the client's homes and working directories. Started once for the class.
/// </summary>
public sealed class CodexFixture : IAsyncLifetime
{
    public const string Key = "gw-codex-key-0123456789abcdef";

    private readonly Dictionary<UpstreamKind, (StubUpstream Stub, ShellTurn Turn)> _backends = [];

    internal TestGateway Gateway { get; private set; } = null!;

    internal InboundRecorder Inbound { get; } = new();

    internal RefusingProxy Proxy { get; } = new();

    internal string Scratch { get; } = Path.Combine(Path.GetTempPath(), $"codex-tests-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        UpstreamKind[] kinds = [UpstreamKind.Ollama, UpstreamKind.OpenAI, UpstreamKind.Anthropic, UpstreamKind.Azure, UpstreamKind.LMStudio];
        foreach (var (kind, stub) in kinds.Zip(await Task.WhenAll(kinds.Select(StubUpstream.StartAsync))))
        {
            var turn = new ShellTurn(kind);
            stub.Responder = turn.Answer;
            _backends[kind] = (stub, turn);
        }

        Directory.CreateDirectory(Scratch);
        Gateway = await TestGateway.For(Config())
            .WithServices(services => services.AddSingleton<IStartupFilter>(Inbound))
            .StartAsync();
    }

    internal (StubUpstream Stub, ShellTurn Turn) For(UpstreamKind kind) => _backends[kind];

    /// <summary>The gateway's name for the backend a stand-in speaks for.</summary>
    internal static string BackendName(UpstreamKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>A new folder under the scratch folder.</summary>
    internal string Folder(string name) => Directory.CreateDirectory(Path.Combine(Scratch, name)).FullName;

    public async Task DisposeAsync()
    {
        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }

        foreach (var (stub, _) in _backends.Values)
        {
            await stub.DisposeAsync();
        }

        await Proxy.DisposeAsync();
        try
        {
            Directory.Delete(Scratch, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Something the client left running still holds a file; the temp folder is cleaned by the system.
        }
    }

    private string Config() => $$"""
        llm:
          backend: ollama
          global_defaults:
            max_retries: 0
          ollama:
            base_url: "{{Url(UpstreamKind.Ollama)}}"
            models: { generator: "llama3.2" }
          openai:
            base_url: "{{Url(UpstreamKind.OpenAI)}}/v1"
            api_key: "sk-codex-0123456789"
            models: { generator: "gpt-4o" }
          anthropic:
            base_url: "{{Url(UpstreamKind.Anthropic)}}"
            api_key: "sk-ant-codex-0123456789"
            models: { generator: "claude-sonnet-4-5" }
          azure:
            endpoint: "{{Url(UpstreamKind.Azure)}}"
            api_key: "azure-codex-0123456789"
            deployments:
              generator: { deployment: "gpt-4o-dep", model: "gpt-4o" }
          lmstudio:
            base_url: "{{Url(UpstreamKind.LMStudio)}}/v1"
            models: { generator: "qwen2.5-7b-instruct" }
          mock:
            models: { generator: "mock-chat" }
        server:
          api_keys: ["{{Key}}"]
        """;

    private string Url(UpstreamKind kind) => _backends[kind].Stub.Url;
}
