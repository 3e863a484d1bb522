using System.Net;
using System.Text;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Proxy;

/// <summary>
/// <c>/proxy/&lt;backend&gt;/&lt;native path&gt;</c> forwards a backend's native API untouched: same method, path, query and body, the backend's
/// credentials instead of the client's, the upstream's status, headers and body streamed back, plus the gateway's headers.
/// </summary>
public sealed class PassThroughForwardingTests
{
    [Fact]
    public async Task Get_OllamaTags_UpstreamAnswerVerbatimWithGatewayHeaders()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Ollama(ollama.Url));

        using var response = await gateway.Http.GetAsync("/proxy/ollama/api/tags");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OllamaPayloads.Tags, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ollama", Header(response, "x-gateway-backend"));
        Assert.Equal("1", Header(response, "x-gateway-attempts"));
        var upstream = Assert.Single(ollama.Requests);
        Assert.Equal(("GET", "/api/tags"), (upstream.Method, upstream.Path));
    }

    [Fact]
    public async Task Post_OllamaShow_BodyAndQueryArriveByteForByte()
    {
        const string Body = "{\"model\": \"llama3.2\",\n  \"verbose\": true, \"x\": \"\u00e9\\u00e9\"}";
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, """{"modelfile":"FROM llama3.2","parameters":"num_ctx 8192"}"""));
        await using var gateway = await TestGateway.StartAsync(Ollama(ollama.Url));

        using var response = await gateway.Http.PostAsync("/proxy/ollama/api/show?trace=1&b=%20x", new StringContent(Body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"modelfile":"FROM llama3.2","parameters":"num_ctx 8192"}""", await response.Content.ReadAsStringAsync());
        var upstream = Assert.Single(ollama.Requests);
        Assert.Equal(("POST", "/api/show", "?trace=1&b=%20x"), (upstream.Method, upstream.Path, upstream.QueryString));
        Assert.Equal(Body, upstream.Body);
    }

    [Fact]
    public async Task Get_UpstreamAnswersItsOwn404_PassedThroughNotReplacedByAGatewayError()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Ollama(ollama.Url));

        using var response = await gateway.Http.GetAsync("/proxy/ollama/api/nonexistent");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(OllamaPayloads.NotFoundPage, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Single(ollama.Requests);
    }

    [Fact]
    public async Task Post_OllamaPullStreams_ClientReadsProgressBeforeTheUpstreamFinishes()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Custom(async context =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync("{\"status\":\"pulling manifest\"}\n");
            await context.Response.Body.FlushAsync();
            await released.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await context.Response.WriteAsync("{\"status\":\"success\"}\n");
        }));
        await using var gateway = await TestGateway.StartAsync(Ollama(ollama.Url));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/proxy/ollama/api/pull") { Content = new StringContent("""{"model":"llama3.2"}""") };
        using var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        Assert.Equal("{\"status\":\"pulling manifest\"}", await reader.ReadLineAsync(patience.Token));
        released.SetResult();
        Assert.Equal("{\"status\":\"success\"}", await reader.ReadLineAsync(patience.Token));
        Assert.Null(await reader.ReadLineAsync(patience.Token));
    }

    [Fact]
    public async Task Post_OpenAiResponses_ClientKeyReplacedByTheBackendsAndOrganizationAdded()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Json(200, """{"id":"resp_1","object":"response"}"""));
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: openai
              openai:
                base_url: "{{openai.Url}}/v1"
                api_key: "sk-upstream-secret"
                organization: "org-123"
            """);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/proxy/openai/v1/responses") { Content = new StringContent("""{"model":"gpt-4o","input":"hi"}""") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer client-key");
        request.Headers.TryAddWithoutValidation("x-api-key", "client-key");
        request.Headers.TryAddWithoutValidation("api-key", "client-key");
        request.Headers.TryAddWithoutValidation("Cookie", "session=client");
        request.Headers.TryAddWithoutValidation("x-gateway-backend", "anthropic");
        request.Headers.TryAddWithoutValidation("OpenAI-Beta", "assistants=v2");

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = Assert.Single(openai.Requests);
        Assert.Equal("/v1/responses", upstream.Path);
        Assert.Equal("Bearer sk-upstream-secret", upstream.Header("Authorization"));
        Assert.Equal("org-123", upstream.Header("OpenAI-Organization"));
        Assert.Equal("assistants=v2", upstream.Header("OpenAI-Beta"));
        Assert.Null(upstream.Header("x-api-key"));
        Assert.Null(upstream.Header("api-key"));
        Assert.Null(upstream.Header("Cookie"));
        Assert.Null(upstream.Header("x-gateway-backend"));
        Assert.DoesNotContain(upstream.Headers.Values, value => value.Contains("client-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_AnthropicCountTokens_ApiKeyAndVersionInjectedClientBetaKeptUpstreamHeadersReturned()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        anthropic.Enqueue(StubResponse.Json(200, """{"input_tokens":14}""", ("request-id", AnthropicPayloads.RequestId)));
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: anthropic
              anthropic:
                base_url: "{{anthropic.Url}}"
                api_key: "sk-ant-upstream"
            """);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/proxy/anthropic/v1/messages/count_tokens")
        {
            Content = new StringContent("""{"model":"claude-sonnet-4-20250514","messages":[{"role":"user","content":"Hello"}]}"""),
        };
        request.Headers.TryAddWithoutValidation("x-api-key", "client-key");
        request.Headers.TryAddWithoutValidation("anthropic-beta", "token-counting-2024-11-01");

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"input_tokens":14}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(AnthropicPayloads.RequestId, Header(response, "request-id"));
        Assert.Equal("anthropic", Header(response, "x-gateway-backend"));
        var upstream = Assert.Single(anthropic.Requests);
        Assert.Equal("/v1/messages/count_tokens", upstream.Path);
        Assert.Equal("sk-ant-upstream", upstream.Header("x-api-key"));
        Assert.Equal("2023-06-01", upstream.Header("anthropic-version"));
        Assert.Equal("token-counting-2024-11-01", upstream.Header("anthropic-beta"));
        Assert.Null(upstream.Header("Authorization"));
    }

    [Fact]
    public async Task Post_AzureDeploymentPath_GoesToTheRegionHostingItWithThatRegionsKey()
    {
        await using var us = await StubUpstream.StartAsync(UpstreamKind.Azure);
        await using var eu = await StubUpstream.StartAsync(UpstreamKind.Azure);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: azure
              azure:
                api_key: "section-key"
                deployments:
                  us_east: { deployment: "gpt-4o-us", endpoint: "{{us.Url}}", api_key: "us-key" }
                  eu_west: { deployment: "gpt-4o-eu", endpoint: "{{eu.Url}}", api_key: "eu-key" }
            """);
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/proxy/azure/openai/deployments/gpt-4o-eu/chat/completions?api-version=2024-10-21")
            {
                Content = new StringContent("""{"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("api-key", "client-key");
            using var response = await gateway.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Empty(us.Requests);
        Assert.Equal(2, eu.Requests.Count);
        Assert.All(eu.Requests, upstream =>
        {
            Assert.Equal("/openai/deployments/gpt-4o-eu/chat/completions", upstream.Path);
            Assert.Equal("2024-10-21", upstream.Query("api-version"));
            Assert.Equal("eu-key", upstream.Header("api-key"));
        });
    }

    [Fact]
    public async Task Get_LmStudioNativeModels_BearerTokenInjected()
    {
        await using var lmstudio = await StubUpstream.StartAsync(UpstreamKind.LMStudio);
        lmstudio.Enqueue(StubResponse.Json(200, """{"object":"list","data":[]}"""));
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: lmstudio
              lmstudio:
                base_url: "{{lmstudio.Url}}/v1"
                api_key: "lm-token"
            """);

        using var response = await gateway.Http.GetAsync("/proxy/lmstudio/api/v0/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = Assert.Single(lmstudio.Requests);
        Assert.Equal("/api/v0/models", upstream.Path);
        Assert.Equal("Bearer lm-token", upstream.Header("Authorization"));
    }

    [Fact]
    public async Task Get_OllamaPoolOfTwoEndpoints_RequestsSpreadRoundRobin()
    {
        await using var first = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var second = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{first.Url}}"
                models: { generator: "llama3.2" }
                endpoints:
                  generator: ["{{first.Url}}", "{{second.Url}}"]
            """);

        for (var i = 0; i < 4; i++)
        {
            using var response = await gateway.Http.GetAsync("/proxy/ollama/api/tags");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(2, first.Requests.Count);
        Assert.Equal(2, second.Requests.Count);
    }

    internal static string Ollama(string url) => $$"""
        llm:
          backend: ollama
          ollama:
            base_url: "{{url}}"
        """;

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
