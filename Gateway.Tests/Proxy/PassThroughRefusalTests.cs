using System.Net;
using System.Text.Json;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Proxy;

/// <summary>
/// What the pass-through refuses: backends that are not configured and paths outside a backend's native API answer 404 without any
/// upstream call (the gateway is never an open proxy); a backend without its key answers 401; an unreachable one 502. All as ProblemDetails.
/// </summary>
public sealed class PassThroughRefusalTests
{
    [Theory]
    [InlineData("/proxy/nosuch/api/tags", "'nosuch' is not a configured backend")]
    [InlineData("/proxy/openai/v1/models", "'openai' is not a configured backend")]
    [InlineData("/proxy/ollama/admin/shutdown", "allowed: api/…, v1/…")]
    [InlineData("/proxy/ollama", "allowed: api/…, v1/…")]
    [InlineData("/proxy/ollama/api/", "allowed: api/…, v1/…")]
    [InlineData("/proxy/ollama/http://evil.example/api/tags", "allowed: api/…, v1/…")]
    [InlineData("/proxy/ollama/api%2F..%2F..%2Fadmin", "allowed: api/…, v1/…")]
    public async Task Get_BackendOrPathNotPassedThrough_404ProblemAndNothingForwarded(string url, string detail)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(PassThroughForwardingTests.Ollama(ollama.Url));

        using var response = await gateway.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("0", PassThroughForwardingTests.Header(response, "x-gateway-attempts"));
        Assert.Empty(ollama.Requests);
    }

    [Fact]
    public async Task Post_BackendWithoutKey_401ProblemSayingWhereToSetItAndNothingForwarded()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: openai
              openai:
                base_url: "{{openai.Url}}/v1"
            """);

        using var response = await gateway.Http.GetAsync("/proxy/openai/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Contains("set OPENAI_API_KEY or llm.openai.api_key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(openai.Requests);
    }

    [Fact]
    public async Task Get_EndpointRefuses_502ProblemNamingTheBackendAndTheCause()
    {
        await using var gateway = await TestGateway.StartAsync(PassThroughForwardingTests.Ollama(ClosedPort.Url()));

        using var response = await gateway.Http.GetAsync("/proxy/ollama/api/tags");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var detail = (await ProblemAsync(response)).GetProperty("detail").GetString();
        Assert.Contains("through to ollama", detail, StringComparison.Ordinal);
        Assert.Contains("connection refused", detail, StringComparison.Ordinal);
        Assert.Equal("ollama", PassThroughForwardingTests.Header(response, "x-gateway-backend"));
        Assert.Equal("1", PassThroughForwardingTests.Header(response, "x-gateway-attempts"));
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
