using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment;

/// <summary>The image run without <c>-e GATEWAY_API_KEY</c>: it listens on every interface, so it refuses to start and says what to set.</summary>
public sealed class DockerRunRefusalTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [NamespaceFact]
    public async Task Run_WithoutGatewayApiKey_Exits1NamingIt()
    {
        await using var container = await DockerRunFixture.RunAsync();

        var exit = await container.WaitForExitAsync(ExitTimeout);

        Assert.True(exit == 1, $"exit {exit}; output:\n{container.Output}");
        Assert.Contains("GATEWAY_API_KEY", container.Output, StringComparison.Ordinal);
    }
}
