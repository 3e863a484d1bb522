using System.Net;
using System.Text.Json;
using Gateway.Tests.Harness;

namespace Gateway.Tests.Observability;

/// <summary>
/// The parts of the OpenAPI document (<c>/swagger/v1/swagger.json</c>) beyond the mapped routes: the pass-through, the key schemes Swagger
/// UI sends, the <c>x-gateway-*</c> headers, the tools and selector examples, and streams typed as events of chat chunks.
/// </summary>
public sealed class SwaggerDocumentTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _gateway = await TestGateway.For("llm:\n  backend: mock\n  mock: {}\n").InProcess().StartAsync();
        using var response = await _gateway.Http.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        _document = document.RootElement.Clone();
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private JsonElement Operation(string path, string method) => _document.GetProperty("paths").GetProperty(path).GetProperty(method);

    [Fact]
    public void PassThrough_DocumentedWithBackendAndPathParameters()
    {
        var path = _document.GetProperty("paths").GetProperty("/proxy/{backend}/{path}");

        Assert.Equal(["delete", "get", "patch", "post", "put"], path.EnumerateObject().Select(p => p.Name).Order());
        var parameters = path.GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => (p.GetProperty("name").GetString(), p.GetProperty("in").GetString()));
        Assert.Equal([("backend", "path"), ("path", "path")], parameters);
        var responses = Operation("/proxy/{backend}/{path}", "post").GetProperty("responses");
        Assert.True(responses.GetProperty("502").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public void Security_BearerAndApiKeySchemes_RequiredByAllButTheProbes()
    {
        var schemes = _document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("http", schemes.GetProperty("bearer").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("x-api-key").GetProperty("type").GetString());
        Assert.Equal("header", schemes.GetProperty("x-api-key").GetProperty("in").GetString());
        Assert.Equal("x-api-key", schemes.GetProperty("x-api-key").GetProperty("name").GetString());

        var chat = Operation("/v1/chat/completions", "post").GetProperty("security").EnumerateArray()
            .Select(requirement => Assert.Single(requirement.EnumerateObject()).Name);
        Assert.Equal(["bearer", "x-api-key"], chat.Order());
        Assert.True(Operation("/usage", "get").TryGetProperty("security", out _));
        Assert.True(Operation("/proxy/{backend}/{path}", "get").TryGetProperty("security", out _));
        Assert.False(Operation("/health", "get").TryGetProperty("security", out _));
        Assert.False(Operation("/health/ready", "get").TryGetProperty("security", out _));
    }

    [Theory]
    [InlineData("/v1/chat/completions", true)]
    [InlineData("/v1/embeddings", true)]
    [InlineData("/tools/{name}/invoke", false)]
    public void GatewayRequestHeaders_OnTheDispatchingEndpoints(string path, bool backendHeader)
    {
        var headers = Operation(path, "post").GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "header")
            .Select(p => p.GetProperty("name").GetString())
            .ToHashSet();

        Assert.Contains("x-gateway-fallback", headers);
        Assert.Contains("x-gateway-timeout-seconds", headers);
        Assert.Equal(backendHeader, headers.Contains("x-gateway-backend"));
    }

    [Fact]
    public void GatewayResponseHeaders_OnAnswersAndErrors()
    {
        var responses = Operation("/v1/chat/completions", "post").GetProperty("responses");
        foreach (var status in (string[])["200", "400", "503"])
        {
            var headers = responses.GetProperty(status).GetProperty("headers");
            foreach (var name in (string[])["x-gateway-backend", "x-gateway-model", "x-gateway-attempts", "x-gateway-overhead-ms", "x-gateway-cost-usd", "x-gateway-config-version"])
            {
                Assert.True(headers.TryGetProperty(name, out var header), $"{status} lacks {name}");
                Assert.False(string.IsNullOrWhiteSpace(header.GetProperty("description").GetString()));
            }
        }

        var usage = Operation("/usage", "get").GetProperty("responses").GetProperty("200").GetProperty("headers");
        Assert.True(usage.TryGetProperty("x-gateway-config-version", out _));
        Assert.False(usage.TryGetProperty("x-gateway-attempts", out _));
    }

    [Fact]
    public void Tools_ListInvokeAndSelectModel_HaveRequestAndAnswerExamples()
    {
        var list = Operation("/tools", "get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json");
        Assert.Equal("translator", list.GetProperty("example").GetProperty("tools")[0].GetProperty("name").GetString());

        var invoke = Operation("/tools/{name}/invoke", "post");
        Assert.Equal("Good morning", Json(invoke.GetProperty("requestBody")).GetProperty("example").GetProperty("input").GetString());
        Assert.Equal("Bonjour", Json(invoke.GetProperty("responses").GetProperty("200")).GetProperty("example").GetProperty("output").GetString());

        var select = Operation("/select-model", "post");
        Assert.True(Json(select.GetProperty("requestBody")).GetProperty("example").TryGetProperty("task_description", out _));
        var ranked = Json(select.GetProperty("responses").GetProperty("200")).GetProperty("example").GetProperty("recommendations")[0];
        Assert.Equal(1, ranked.GetProperty("rank").GetInt32());
        Assert.True(select.GetProperty("responses").GetProperty("422").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Theory]
    [InlineData("/tools/{name}/invoke")]
    [InlineData("/v1/chat/completions")]
    public void Stream_TypedAsEventStreamOfChatChunks(string path)
    {
        var stream = Operation(path, "post").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("text/event-stream");

        Assert.Contains("ChatCompletionChunk", stream.GetProperty("schema").GetProperty("description").GetString(), StringComparison.Ordinal);
        var example = stream.GetProperty("example").GetString()!;
        Assert.Contains("\"object\":\"chat.completion.chunk\"", example, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", example, StringComparison.Ordinal);
        var chunk = _document.GetProperty("components").GetProperty("schemas").GetProperty("ChatCompletionChunk").GetProperty("properties");
        Assert.True(chunk.TryGetProperty("choices", out _) && chunk.TryGetProperty("usage", out _));
    }

    private static JsonElement Json(JsonElement bodyOrResponse) => bodyOrResponse.GetProperty("content").GetProperty("application/json");
}
