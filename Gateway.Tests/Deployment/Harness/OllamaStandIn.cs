using System.Net;
using Gateway.Tests.Deployment.Sandbox;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Deployment.Harness;

/// <summary>
/// An Ollama where a deployment expects one: a <see cref="StubUpstream"/> speaking Ollama's API on this machine's loopback, reached from
/// inside the container's namespace at <c>address:port</c> through a <see cref="NamespaceRelay"/>.
/// </summary>
internal sealed class OllamaStandIn : IAsyncDisposable
{
    /// <summary>The port the ollama/ollama image serves on (its <c>OLLAMA_HOST</c> default, 0.0.0.0:11434).</summary>
    public const int ImagePort = 11434;

    private readonly NamespaceRelay _relay;

    private OllamaStandIn(StubUpstream stub, NamespaceRelay relay, IPEndPoint at)
    {
        Stub = stub;
        _relay = relay;
        At = at;
    }

    public StubUpstream Stub { get; }

    public IPEndPoint At { get; }

    /// <summary>Serves Ollama at <paramref name="address"/>:<paramref name="port"/> in the container's network; <paramref name="knownModels"/> limits the models it has.</summary>
    public static async Task<OllamaStandIn> StartAsync(
        SandboxedContainer container, IPAddress address, int port = ImagePort, IReadOnlyCollection<string>? knownModels = null)
    {
        var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        stub.KnownModels = knownModels;
        try
        {
            var at = new IPEndPoint(address, port);
            var relay = await NamespaceRelay.StartAsync(container.Network, at, IPEndPoint.Parse(new Uri(stub.Url).Authority));
            return new OllamaStandIn(stub, relay, at);
        }
        catch
        {
            await stub.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _relay.DisposeAsync();
        await Stub.DisposeAsync();
    }

    public override string ToString() => $"Ollama stand-in at {At}";
}
