using System.Net;
using Gateway.Backends.Mock;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Mock;

/// <summary>The upstream client's first handler: marked requests are answered in process, all others reach the real transport untouched.</summary>
public sealed class MockRoutingHandlerTests
{
    [Fact]
    public async Task SendAsync_UnmarkedRequest_GoesToTheTransportAsIs()
    {
        var transport = new RecordingTransport();
        using var client = new HttpClient(new MockRoutingHandler(new MockHandler(TimeProvider.System), transport));
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9/v1/chat/completions") { Content = new StringContent("{}") };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Same(request, Assert.Single(transport.Seen));
    }

    [Fact]
    public async Task SendAsync_MarkedRequest_AnsweredByTheMockWithoutTouchingTheTransport()
    {
        var transport = new RecordingTransport();
        using var client = new HttpClient(new MockRoutingHandler(new MockHandler(TimeProvider.System), transport));
        var backend = Parse("llm:\n  mock: {}\n").Llm.Backends["mock"];
        using var request = MockRequest.Tag(new HttpRequestMessage(HttpMethod.Get, backend.BaseUrl + "/models"), backend);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"object\":\"list\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(transport.Seen);
    }

    /// <summary>A transport that records what reaches it and answers 202.</summary>
    private sealed class RecordingTransport : HttpMessageHandler
    {
        public List<HttpRequestMessage> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted));
        }
    }
}
