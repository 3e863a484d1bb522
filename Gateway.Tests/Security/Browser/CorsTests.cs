using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Security.Browser;

/// <summary>
/// CORS is off by default: no <c>Access-Control-Allow-*</c> header, and a preflight from another origin is refused. The origins of
/// <c>server.cors_origins</c> get ASP.NET Core's CORS: preflights answered (before the key check), the clients' headers allowed, the
/// gateway's headers exposed. The list reloads with the config.
/// </summary>
public sealed class CorsTests
{
    private const string Origin = "https://app.example";
    private const string Key = "gateway-key-0123456789";

    private static string Config(string ollama, string server = "") => $$"""
        llm:
          backend: ollama
          ollama:
            base_url: "{{ollama}}"
            models:
              generator: "llama3.2"
        {{server}}
        """;

    private static async Task<HttpResponseMessage> PreflightAsync(TestGateway gateway, string origin, string headers = "authorization, content-type")
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/chat/completions");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await gateway.Http.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task Preflight_NoCorsOrigins_403WithoutAnyAllowHeader()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PreflightAsync(gateway, "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("origin_not_allowed", error.GetProperty("code").GetString());
        Assert.Contains("server.cors_origins", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Get_ForeignOriginWithoutCorsOrigins_NoAllowOriginSoThePageCannotRead()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Preflight_ListedOriginOnAKeyedGateway_AnsweredWithoutKeyAllowingTheClientsHeaders()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url, $"server:\n  api_keys: [\"{Key}\"]\n  cors_origins: [\"{Origin}\"]"));

        using var response = await PreflightAsync(gateway, Origin, "authorization, content-type, x-api-key, openai-organization, x-gateway-backend, anthropic-version, x-stainless-os");
        using var foreign = await PreflightAsync(gateway, "https://other.example");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Origin, Header(response, "Access-Control-Allow-Origin"));
        var allowed = Header(response, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        foreach (var name in new[] { "authorization", "content-type", "x-api-key", "openai-organization", "x-gateway-backend", "anthropic-version", "x-stainless-os" })
        {
            Assert.Contains(name, allowed, StringComparison.Ordinal);
        }

        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Null(Header(foreign, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Post_ListedOrigin_AnswerReadableWithGatewayHeadersExposed()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url, $"server:\n  cors_origins: [\"{Origin}\"]"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"generator","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", Origin);

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Origin, Header(response, "Access-Control-Allow-Origin"));
        var exposed = Header(response, "Access-Control-Expose-Headers")!;
        Assert.Contains("x-gateway-backend", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("x-gateway-attempts", exposed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Preflight_AnyOrigin_EchoedBack()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url, "server:\n  cors_origins: [\"*\"]"));

        using var response = await PreflightAsync(gateway, "http://localhost:5173");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:5173", Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_OriginAddedThenRemovedByReload_FollowsTheConfigInForce()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.For(Config(ollama.Url)).WithFakeTime().LogAt(LogLevel.Information).StartAsync();

        using var before = await PreflightAsync(gateway, Origin);
        await gateway.EditConfigAsync(Config(ollama.Url, $"server:\n  cors_origins: [\"{Origin}\"]"));
        await gateway.Logs.WaitForAsync(line => line.Contains("Config reloaded", StringComparison.Ordinal));
        using var listed = await PreflightAsync(gateway, Origin);

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, listed.StatusCode);
        Assert.Equal(Origin, Header(listed, "Access-Control-Allow-Origin"));
    }
}
