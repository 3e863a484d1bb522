using Gateway.Hosting;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog;

namespace Gateway.Tests.Security.Fuzz;

/// <summary>
/// The real gateway pipeline served in process (TestServer: no sockets, where HTTP framing is not the point), configured with all five
/// backends, each a loopback stub speaking its protocol, and a gateway key.
/// </summary>
internal sealed class FuzzGateway : IAsyncDisposable
{
    public const string Key = "gw-fuzz-key-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly StubUpstream[] _stubs;
    private readonly string _path;

    private FuzzGateway(WebApplication app, StubUpstream[] stubs, string path, LogCapture logs)
    {
        _app = app;
        _stubs = stubs;
        _path = path;
        Logs = logs;
        Client = app.GetTestClient();
        Client.Timeout = Timeout.InfiniteTimeSpan;
    }

    public HttpClient Client { get; }

    public LogCapture Logs { get; }

    public static async Task<FuzzGateway> StartAsync()
    {
        StubUpstream[] stubs =
        [
            await StubUpstream.StartAsync(UpstreamKind.Ollama),
            await StubUpstream.StartAsync(UpstreamKind.OpenAI),
            await StubUpstream.StartAsync(UpstreamKind.Anthropic),
            await StubUpstream.StartAsync(UpstreamKind.Azure),
            await StubUpstream.StartAsync(UpstreamKind.LMStudio),
        ];
        var path = Path.Combine(Path.GetTempPath(), $"gateway-fuzz-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, $$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{stubs[0].Url}}"
                models: { generator: "llama3.2" }
                embedding_model: "nomic-embed-text"
              openai:
                base_url: "{{stubs[1].Url}}/v1"
                api_key: "sk-fuzz-0123456789"
                models: { generator: "gpt-4o" }
                embedding_model: "text-embedding-3-small"
              anthropic:
                base_url: "{{stubs[2].Url}}"
                api_key: "sk-ant-fuzz-0123456789"
                models: { generator: "claude-3-5-haiku-latest" }
              azure:
                endpoint: "{{stubs[3].Url}}"
                api_key: "azure-fuzz-0123456789"
                deployments:
                  generator: { deployment: "gpt-4o-dep", model: "gpt-4o" }
              lmstudio:
                base_url: "{{stubs[4].Url}}/v1"
                models: { generator: "qwen2.5-7b-instruct" }
            server:
              api_keys: ["{{Key}}"]
              max_json_depth: 32
              max_messages: 64
            """);

        var logs = new LogCapture();
        var app = GatewayApp.Build(
            ["--config", path],
            builder =>
            {
                builder.WebHost.UseTestServer();
                // Thousands of refused attempts are logged as warnings; only errors matter here, and not on the console.
                builder.Services.AddSerilog(logger => logger.MinimumLevel.Error().WriteTo.Sink(logs));
                builder.Services.AddSingleton(new ConfigWatchOptions { Interval = TimeSpan.FromHours(1) });
            },
            _ => null);
        await app.StartAsync();
        return new FuzzGateway(app, stubs, path, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var stub in _stubs)
        {
            await stub.DisposeAsync();
        }

        File.Delete(_path);
    }
}
