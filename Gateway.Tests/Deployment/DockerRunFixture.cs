using Gateway.Tests.Deployment.Docker;
using Gateway.Tests.Deployment.Harness;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment;

/// <summary>
/// <c>docker run -e GATEWAY_API_KEY=… -e OLLAMA_URL=http://host.docker.internal:11434 --add-host=host.docker.internal:host-gateway</c> of the
/// image the Dockerfile builds (the usage its header shows), with an Ollama stand-in on the host side of the bridge; healthy by its own HEALTHCHECK.
/// </summary>
public sealed class DockerRunFixture : IAsyncLifetime
{
    internal const string OllamaHost = "host.docker.internal";

    private readonly StartedOnce<RunningGateway> _gateway;

    public DockerRunFixture() => _gateway = new StartedOnce<RunningGateway>(() => StartAsync(Key));

    internal string Key { get; } = GatewayKeys.New();

    internal Task<RunningGateway> Gateway => _gateway.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _gateway.StopAsync();

    /// <summary>The container <c>docker run</c> makes with these <c>-e</c> options, started and turned healthy (or not: the caller checks).</summary>
    internal static async Task<SandboxedContainer> RunAsync(params string[] env)
    {
        const string Name = "llm-gateway";
        var spec = DockerRun.Spec(DeploymentFiles.Image(), Name, env);
        return await SandboxedContainer.StartAsync(spec, DockerRun.Network(Name, [$"{OllamaHost}:host-gateway"]));
    }

    private static async Task<RunningGateway> StartAsync(string key)
    {
        var container = await RunAsync($"GATEWAY_API_KEY={key}", $"OLLAMA_URL=http://{OllamaHost}:{OllamaStandIn.ImagePort}");
        try
        {
            var ollama = await OllamaStandIn.StartAsync(container, DockerRun.BridgeGateway);
            var port = DeploymentFiles.Image().ExposedPorts.Single();
            var healthy = await DockerHealthCheck.WaitUntilHealthyAsync(container, port);
            if (healthy.ExitCode != 0)
            {
                throw new InvalidOperationException($"the container never turned healthy: {healthy}\ncontainer output:\n{container.Output}");
            }

            return new RunningGateway
            {
                Container = container,
                Url = new Uri($"http://{container.SandboxNetwork.ContainerAddress}:{port}"),
                ClientAddress = DockerRun.BridgeGateway,
                Ollamas = [ollama],
                HealthCheck = healthy,
            };
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }
}
