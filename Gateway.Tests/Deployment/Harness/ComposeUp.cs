using System.Net;
using System.Text.RegularExpressions;
using Gateway.Tests.Deployment.Compose;
using Gateway.Tests.Deployment.Docker;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment.Harness;

/// <summary>
/// <c>docker compose [--profile …] up</c> of the repository's compose file from a given shell environment, as far as the gateway goes: its
/// service's container, healthy by its health check, with an Ollama stand-in serving the <c>ollama</c> service's models at that service's name.
/// </summary>
internal sealed partial class ComposeUp : IAsyncDisposable
{
    public const string GatewayService = "gateway";
    public const string OllamaService = "ollama";
    public const string ModelsService = "models";

    private ComposeUp(ComposeProject project, RunningGateway gateway)
    {
        Project = project;
        Gateway = gateway;
    }

    public ComposeProject Project { get; }

    public RunningGateway Gateway { get; }

    /// <summary>
    /// Starts the gateway service; <paramref name="elsewhere"/> are further Ollama stand-ins outside the project (an <c>OLLAMA_URL</c> target),
    /// reachable from the gateway's network.
    /// </summary>
    public static async Task<ComposeUp> StartAsync(IReadOnlyDictionary<string, string> shell, string[] profiles, params IPEndPoint[] elsewhere)
    {
        var project = ComposeProject.Load(DeploymentFiles.ComposeFile, shell);
        var network = project.NetworkOf(GatewayService, profiles);
        network = network with { Peers = [.. network.Peers, .. elsewhere.Select(endpoint => endpoint.Address)] };
        var container = await SandboxedContainer.StartAsync(project.ContainerOf(GatewayService), network);
        var port = project.PortsOf(GatewayService).Single().ContainerPort;
        var gateway = new RunningGateway
        {
            Container = container,
            Url = new Uri($"http://{network.ContainerAddress}:{port}"),
            ClientAddress = ComposeProject.NetworkGateway,
        };
        try
        {
            gateway.Ollamas.Add(await OllamaStandIn.StartAsync(container, project.AddressOf(OllamaService), knownModels: PulledModels(project)));
            foreach (var endpoint in elsewhere)
            {
                gateway.Ollamas.Add(await OllamaStandIn.StartAsync(container, endpoint.Address, endpoint.Port));
            }

            gateway.HealthCheck = await DockerHealthCheck.WaitUntilHealthyAsync(container, port);
            if (gateway.HealthCheck.ExitCode != 0)
            {
                throw new InvalidOperationException($"the gateway service never turned healthy: {gateway.HealthCheck}\ncontainer output:\n{container.Output}");
            }

            return new ComposeUp(project, gateway);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>The models the <c>models</c> service pulls into the Ollama (<c>ollama pull NAME</c> in its entrypoint): all that Ollama has.</summary>
    public static List<string> PulledModels(ComposeProject project) =>
        [.. Pull().Matches(string.Join(' ', project.Service(ModelsService).Texts("entrypoint"))).Select(match => match.Groups[1].Value)];

    public ValueTask DisposeAsync() => Gateway.DisposeAsync();

    [GeneratedRegex(@"ollama pull (\S+)")]
    private static partial Regex Pull();
}
