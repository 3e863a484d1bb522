using System.Net.Http.Headers;
using Gateway.Backends.Anthropic;
using Gateway.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// Swaps the client's credentials for the backend's on a forwarded request: whatever the client sent to authenticate is removed (it is
/// meant for the gateway, never for the upstream), then the backend's own scheme is applied.
/// </summary>
internal static class PassThroughCredentials
{
    /// <summary>Request headers that carry client credentials or gateway instructions, never forwarded.</summary>
    private static readonly string[] Stripped = ["Authorization", "Proxy-Authorization", "x-api-key", "api-key", "Cookie"];

    private const string GatewayHeaderPrefix = "x-gateway-";

    public static void Apply(HttpRequestMessage request, BackendConfig backend, string? apiKey)
    {
        var headers = request.Headers;
        foreach (var name in Stripped)
        {
            headers.Remove(name);
        }

        List<string>? gatewayHeaders = null;
        foreach (var header in headers)
        {
            if (header.Key.StartsWith(GatewayHeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                (gatewayHeaders ??= []).Add(header.Key);
            }
        }

        foreach (var name in gatewayHeaders ?? [])
        {
            headers.Remove(name);
        }

        switch (backend.Kind)
        {
            case BackendKind.Anthropic:
                AddIfKey(headers, "x-api-key", apiKey);
                if (!headers.Contains("anthropic-version"))
                {
                    headers.TryAddWithoutValidation("anthropic-version", AnthropicProtocol.ApiVersion);
                }

                break;
            case BackendKind.Azure:
                AddIfKey(headers, "api-key", apiKey);
                break;
            default:
                if (!string.IsNullOrEmpty(apiKey))
                {
                    headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                }

                if (backend.Kind == BackendKind.OpenAI && !string.IsNullOrEmpty(backend.Organization))
                {
                    headers.Remove("OpenAI-Organization");
                    headers.TryAddWithoutValidation("OpenAI-Organization", backend.Organization);
                }

                break;
        }
    }

    private static void AddIfKey(HttpRequestHeaders headers, string name, string? apiKey)
    {
        if (!string.IsNullOrEmpty(apiKey))
        {
            headers.TryAddWithoutValidation(name, apiKey);
        }
    }
}
