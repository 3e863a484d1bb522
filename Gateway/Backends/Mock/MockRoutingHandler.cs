namespace Gateway.Backends.Mock;

/// <summary>
/// The first handler of the upstream client: requests marked by <see cref="MockRequest"/> go to the in-process mock, every other
/// request to the real transport unchanged.
/// </summary>
internal sealed class MockRoutingHandler : DelegatingHandler
{
    private readonly HttpMessageInvoker _mock;

    public MockRoutingHandler(MockHandler mock, HttpMessageHandler transport)
        : base(transport)
    {
        _mock = new HttpMessageInvoker(mock, disposeHandler: true);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        MockRequest.TryGetBackend(request, out _) ? _mock.SendAsync(request, cancellationToken) : base.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _mock.Dispose();
        }

        base.Dispose(disposing);
    }
}
