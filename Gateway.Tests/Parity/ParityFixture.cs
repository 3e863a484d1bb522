using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity;

/// <summary>
/// One stub upstream per backend and one gateway per backend whose config names that backend as the default and nothing else: the
/// same client code (<c>model: "generator"</c>) reaches each of the five. Started once for the whole matrix.
/// </summary>
public sealed class ParityFixture : IAsyncLifetime
{
    private readonly Dictionary<string, (StubUpstream Stub, TestGateway Gateway)> _servers = [];

    public async Task InitializeAsync()
    {
        var started = await Task.WhenAll(ParityBackend.All.Select(StartAsync));
        foreach (var (name, stub, gateway) in started)
        {
            _servers[name] = (stub, gateway);
        }
    }

    internal (StubUpstream Stub, TestGateway Gateway) For(ParityBackend backend) => _servers[backend.Name];

    /// <summary>
    /// The config a newcomer writes for <paramref name="backend"/>: <c>backend:</c> and that backend's section. One gateway serves every
    /// case of the matrix, so retries are off and cooldowns negligible: an error case must not change what the next case meets.
    /// </summary>
    internal static string Config(ParityBackend backend, string stubUrl, string? model = null) => $"""
        llm:
          backend: "{backend.Name}"
          global_defaults:
            max_retries: 0
          resilience:
            cooldown_seconds: 0.001
          {backend.Name}:
        {backend.Section(stubUrl, model ?? backend.Model)}
        """;

    public async Task DisposeAsync()
    {
        foreach (var (stub, gateway) in _servers.Values)
        {
            await gateway.DisposeAsync();
            await stub.DisposeAsync();
        }
    }

    private static async Task<(string Name, StubUpstream Stub, TestGateway Gateway)> StartAsync(ParityBackend backend)
    {
        var stub = await StubUpstream.StartAsync(backend.Kind);
        stub.ExpectedApiKey = backend.ApiKey;
        var gateway = await TestGateway.StartAsync(Config(backend, stub.Url));
        return (backend.Name, stub, gateway);
    }
}
