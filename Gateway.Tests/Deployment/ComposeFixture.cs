using Gateway.Tests.Deployment.Harness;

namespace Gateway.Tests.Deployment;

/// <summary><c>docker compose --profile prometheus up</c> with only GATEWAY_API_KEY in the shell (as the compose file's header says to set).</summary>
public sealed class ComposeFixture : IAsyncLifetime
{
    internal const string PrometheusProfile = "prometheus";
    internal const string PrometheusService = "prometheus";

    private readonly StartedOnce<ComposeUp> _up;

    public ComposeFixture() =>
        _up = new StartedOnce<ComposeUp>(() => ComposeUp.StartAsync(new Dictionary<string, string> { ["GATEWAY_API_KEY"] = Key }, [PrometheusProfile]));

    internal string Key { get; } = GatewayKeys.New();

    internal Task<ComposeUp> Up => _up.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _up.StopAsync();
}
