using System.Net;
using Gateway.Tests.Deployment.Sandbox;
using OpenAI.Chat;

namespace Gateway.Tests.Deployment.Harness;

/// <summary>
/// A gateway started from a deployment's files, with the Ollama stand-ins around it, and the address its clients reach it at
/// (<see cref="Url"/>: the container's address and port, as traffic to a published port or a Service arrives) from <see cref="ClientAddress"/>.
/// </summary>
internal sealed class RunningGateway : IAsyncDisposable
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    public required SandboxedContainer Container { get; init; }

    public required Uri Url { get; init; }

    public required IPAddress ClientAddress { get; init; }

    public List<OllamaStandIn> Ollamas { get; init; } = [];

    /// <summary>The health check run that found the container healthy, when its runtime has one (Docker, compose).</summary>
    public ExecResult? HealthCheck { get; set; }

    /// <summary>An HTTP client in the gateway's network, connecting from <see cref="ClientAddress"/> unless told another.</summary>
    public HttpClient Http(IPAddress? from = null, TimeSpan? timeout = null) => Container.HttpClient(from ?? ClientAddress, timeout ?? ClientTimeout);

    public async Task<(int Status, string Body)> GetAsync(string path, string? apiKey = null)
    {
        using var http = Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Url, path));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>One chat turn through the gateway with the official SDK, as a client of the sidecar sends it.</summary>
    public async Task<ChatCompletion> ChatAsync(string apiKey, string message = "Say hello")
    {
        using var http = Http();
        var completion = await SidecarClient.Chat(http, Url, apiKey).CompleteChatAsync([new UserChatMessage(message)]);
        return completion.Value;
    }

    public async Task<int> ChatWithoutKeyAsync()
    {
        using var http = Http();
        return await SidecarClient.ChatWithoutKeyAsync(http, Url);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var ollama in Ollamas)
        {
            await ollama.DisposeAsync();
        }

        await Container.DisposeAsync();
    }

    public override string ToString() => $"{Container} at {Url}";
}
