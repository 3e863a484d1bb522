using System.Diagnostics.CodeAnalysis;
using Gateway.Configuration;

namespace Gateway.Backends.Mock;

/// <summary>
/// Marks an upstream request as meant for the built-in mock, carrying the mock section that answers it. The mark, not the URL, is
/// what sends a request to the in-process handler, so no host name is reserved and nothing else can be mistaken for a mock.
/// </summary>
internal static class MockRequest
{
    private static readonly HttpRequestOptionsKey<BackendConfig> Key = new("gateway.mock.backend");

    public static HttpRequestMessage Tag(HttpRequestMessage request, BackendConfig backend)
    {
        request.Options.Set(Key, backend);
        return request;
    }

    public static bool TryGetBackend(HttpRequestMessage request, [NotNullWhen(true)] out BackendConfig? backend) =>
        request.Options.TryGetValue(Key, out backend);
}
