using System.Text;
using System.Text.Json;
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

    /// <summary>Asserts an error answer in Anthropic's shape: the status, <c>error.type</c>, words of the message and a <c>request-id</c>.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, int status, string type, string message)
    {
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal(type, error.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains(message, error.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("request-id"));
    }
}
