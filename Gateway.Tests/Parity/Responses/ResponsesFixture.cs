using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// One stand-in and one gateway per backend, as the chat matrix starts them (<see cref="ParityFixture.Config"/>), each gateway with its
/// own response store (<see cref="ResponsesStore"/>) so that <c>previous_response_id</c> chains resolve. Started once for the matrix.
/// </summary>
public sealed class ResponsesFixture : IAsyncLifetime
{
    private readonly Dictionary<string, (StubUpstream Stub, TestGateway Gateway, string Store)> _servers = [];

    public async Task InitializeAsync()
    {
        foreach (var started in await Task.WhenAll(ResponsesBackend.All.Select(StartAsync)))
        {
            _servers[started.Name] = (started.Stub, started.Gateway, started.Store);
        }
    }

    internal (StubUpstream Stub, TestGateway Gateway) For(ResponsesBackend backend) => (_servers[backend.Name].Stub, _servers[backend.Name].Gateway);

    public async Task DisposeAsync()
    {
        foreach (var (stub, gateway, store) in _servers.Values)
        {
            await gateway.DisposeAsync();
            await stub.DisposeAsync();
            ResponsesStore.Delete(store);
        }
    }

    private static async Task<(string Name, StubUpstream Stub, TestGateway Gateway, string Store)> StartAsync(ResponsesBackend backend)
    {
        var stub = await StubUpstream.StartAsync(backend.Parity.Kind);
        stub.ExpectedApiKey = backend.Parity.ApiKey;
        var store = ResponsesStore.NewPath();
        var gateway = await TestGateway.StartAsync(ParityFixture.Config(backend.Parity, stub.Url) + ResponsesStore.Section(store));
        return (backend.Name, stub, gateway, store);
    }
}

/// <summary>The Responses matrix's classes share one set of stand-ins and gateways (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ResponsesCollection : ICollectionFixture<ResponsesFixture>
{
    public const string Name = "responses parity";
}
