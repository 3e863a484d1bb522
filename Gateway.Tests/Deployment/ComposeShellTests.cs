using System.Net;
using Gateway.Tests.Deployment.Compose;
using Gateway.Tests.Deployment.Harness;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment;

/// <summary>What the shell environment does to <c>docker compose up</c>: GATEWAY_API_KEY is required, OLLAMA_URL moves the gateway's Ollama.</summary>
public sealed class ComposeShellTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Up_WithoutGatewayApiKeyInTheShell_IsRefusedByComposeForTheGatewayService(string? key)
    {
        var shell = key is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["GATEWAY_API_KEY"] = key };

        var refusal = Assert.Throws<ComposeInterpolationException>(() => ComposeProject.Load(DeploymentFiles.ComposeFile, shell));

        Assert.StartsWith(
            "error while interpolating services.gateway.environment.GATEWAY_API_KEY: required variable GATEWAY_API_KEY is missing a value: ",
            refusal.Message,
            StringComparison.Ordinal);
    }

    [NamespaceFact]
    public async Task Up_OllamaUrlInTheShell_SendsTheChatThereInsteadOfTheOllamaService()
    {
        var key = GatewayKeys.New();
        var lanOllama = new IPEndPoint(IPAddress.Parse("192.168.50.10"), 11500);
        var shell = new Dictionary<string, string> { ["GATEWAY_API_KEY"] = key, ["OLLAMA_URL"] = $"http://{lanOllama}" };
        await using var up = await ComposeUp.StartAsync(shell, [], lanOllama);

        await up.Gateway.ChatAsync(key);

        Assert.DoesNotContain(up.Gateway.Ollamas[0].Stub.Requests, request => request.Path == "/api/chat");
        Assert.Contains(up.Gateway.Ollamas[1].Stub.Requests, request => request.Path == "/api/chat");
    }

    [NamespaceFact]
    public async Task Up_OllamaUrlAtHostDockerInternal_ReachesTheOllamaOnTheHost()
    {
        var key = GatewayKeys.New();
        var hostOllama = new IPEndPoint(ComposeProject.NetworkGateway, 11434);
        var shell = new Dictionary<string, string> { ["GATEWAY_API_KEY"] = key, ["OLLAMA_URL"] = "http://host.docker.internal:11434" };
        await using var up = await ComposeUp.StartAsync(shell, [], hostOllama);

        await up.Gateway.ChatAsync(key);

        Assert.Contains(up.Gateway.Ollamas[1].Stub.Requests, request => request.Path == "/api/chat");
    }
}
