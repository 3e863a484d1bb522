using System.Text;
using Gateway.Tests.Harness;

namespace Gateway.Tests.Surfaces.Anthropic;

/// <summary>Requests to the gateway's Anthropic surface as the SDKs send them: JSON with <c>anthropic-version</c>.</summary>
internal static class AnthropicHttp
{
    public static async Task<HttpResponseMessage> PostAsync(TestGateway gateway, string path, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await gateway.Http.SendAsync(request);
    }
}
