using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace Gateway.Tests.Containers;

/// <summary>
/// One real Ollama for the container tests, started on first use (never when every test is skipped) with a tiny chat model and a tiny
/// embedding model pulled. Models are kept in a named Docker volume, so only the first run downloads them.
/// </summary>
public sealed class OllamaContainer : IAsyncLifetime
{
    public const string ChatModel = "qwen2.5:0.5b";
    public const string EmbeddingModel = "all-minilm";
    private const ushort Port = 11434;

    /// <summary>The Ollama image: <c>OLLAMA_IMAGE</c> where set, else the latest release.</summary>
    public static string Image { get; } = Environment.GetEnvironmentVariable("OLLAMA_IMAGE") ?? "ollama/ollama:0.18.2"; // the tag docker-compose.yml runs

    private readonly Lazy<Task<string>> _url;
    private IContainer? _container;

    public OllamaContainer() => _url = new Lazy<Task<string>>(StartAsync);

    /// <summary>The container's Ollama base URL on the host, starting it and pulling the models the first time.</summary>
    public Task<string> UrlAsync() => _url.Value;

    /// <summary>The gateway config for this Ollama: both models under model keys, the embedding model as the default.</summary>
    public async Task<string> ConfigAsync() => $$"""
        llm:
          backend: ollama
          ollama:
            base_url: "{{await UrlAsync()}}"
            models:
              generator: "{{ChatModel}}"
            embedding_model: "{{EmbeddingModel}}"
        """;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private async Task<string> StartAsync()
    {
        _container = new ContainerBuilder(Image)
            .WithPortBinding(Port, assignRandomHostPort: true)
            .WithVolumeMount("gateway-tests-ollama-models", "/root/.ollama")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(Port).ForPath("/api/tags")))
            .Build();
        await _container.StartAsync();

        foreach (var model in new[] { ChatModel, EmbeddingModel })
        {
            var pulled = await _container.ExecAsync(["ollama", "pull", model]);
            if (pulled.ExitCode != 0)
            {
                throw new InvalidOperationException($"ollama pull {model} failed with exit code {pulled.ExitCode}: {pulled.Stderr}");
            }
        }

        return $"http://{_container.Hostname}:{_container.GetMappedPublicPort(Port)}";
    }
}
