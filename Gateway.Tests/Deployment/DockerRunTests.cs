using Gateway.Tests.Deployment.Docker;
using Gateway.Tests.Deployment.Harness;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment;

/// <summary>
/// The image the Dockerfile builds, run with <c>docker run -e GATEWAY_API_KEY</c>: its HEALTHCHECK passes, the orchestrator probes answer
/// through the published port without a key, and a client with the key chats through it to Ollama.
/// </summary>
public sealed class DockerRunTests(DockerRunFixture fixture) : IClassFixture<DockerRunFixture>
{
    [NamespaceFact]
    public async Task HealthCheck_InTheStartedContainer_Exits0WithinItsTimeout()
    {
        var gateway = await fixture.Gateway;
        var check = gateway.Container.Spec.HealthCheck!;

        var result = gateway.HealthCheck!;

        Assert.True(result.ExitCode == 0, $"HEALTHCHECK {string.Join(' ', check.Command)}: {result}");
        Assert.True(result.Elapsed < check.Timeout, $"HEALTHCHECK took {result.Elapsed}, its timeout is {check.Timeout}");
    }

    [NamespaceFact]
    public async Task OrchestratorProbes_ThroughThePublishedPort_Answer200WithoutAKey()
    {
        var gateway = await fixture.Gateway;

        foreach (var probe in DeploymentFiles.OrchestratorProbes())
        {
            var (status, body) = await gateway.GetAsync(probe.Path);
            Assert.True(status == 200, $"{probe.Kind} GET {probe.Path}: {status} {body}");
        }
    }

    [NamespaceFact]
    public async Task Chat_WithTheKey_IsAnsweredByTheOllamaAtOllamaUrl()
    {
        var gateway = await fixture.Gateway;
        var ollama = gateway.Ollamas.Single();

        var completion = await gateway.ChatAsync(fixture.Key);

        Assert.False(string.IsNullOrEmpty(completion.Content.Single().Text));
        Assert.Contains(ollama.Stub.Requests, request => request.Path == "/api/chat");
    }

    [NamespaceFact]
    public async Task Chat_WithoutAKey_Is401()
    {
        var gateway = await fixture.Gateway;

        Assert.Equal(401, await gateway.ChatWithoutKeyAsync());
    }
}
