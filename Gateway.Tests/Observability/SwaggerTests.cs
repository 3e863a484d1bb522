using System.Net;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Observability;

/// <summary>The OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>.</summary>
public sealed class SwaggerTests
{
    private static async Task<(TestGateway Gateway, StubUpstream Upstream)> StartAsync()
    {
        var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
            """);
        return (gateway, ollama);
    }

    private static async Task<JsonElement> DocumentAsync(TestGateway gateway)
    {
        using var response = await gateway.Http.GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Every (path, method) the app routes to, catch-all and constraint syntax reduced to OpenAPI's <c>{name}</c>.</summary>
    private static HashSet<string> MappedRoutes(TestGateway gateway)
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Order == int.MaxValue)
            {
                continue; // MapFallback: the catch-all that answers unknown /v1 paths with a 404
            }

            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                continue; // the any-method pass-through, added to the document by PassThroughDocumentFilter
            }

            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                _ => "",
            }))));
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                routes.Add($"{method.ToUpperInvariant()} {path}");
            }
        }

        return routes;
    }

    [Fact]
    public async Task Document_ListsEveryMappedRoute()
    {
        var (gateway, ollama) = await StartAsync();
        await using (ollama)
        await using (gateway)
        {
            var document = await DocumentAsync(gateway);
            var documented = document.GetProperty("paths").EnumerateObject()
                .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"))
                .ToHashSet(StringComparer.Ordinal);

            var mapped = MappedRoutes(gateway);
            Assert.Contains("POST /v1/chat/completions", mapped);
            Assert.Contains("GET /metrics", mapped);
            Assert.Contains("GET /usage", mapped);
            // The any-method pass-through is mapped outside the API explorer and written into the document for its common methods.
            mapped.UnionWith(((string[])["GET", "POST", "PUT", "PATCH", "DELETE"]).Select(method => $"{method} /proxy/{{backend}}/{{path}}"));
            Assert.Equal(mapped.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Document_EveryOperation_HasSummaryAndA200WithContent()
    {
        var (gateway, ollama) = await StartAsync();
        await using (ollama)
        await using (gateway)
        {
            var document = await DocumentAsync(gateway);

            foreach (var path in document.GetProperty("paths").EnumerateObject())
            {
                foreach (var operation in path.Value.EnumerateObject())
                {
                    var where = $"{operation.Name} {path.Name}";
                    Assert.True(operation.Value.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{where} has no summary");
                    Assert.True(operation.Value.GetProperty("responses").GetProperty("200").TryGetProperty("content", out _), $"{where} documents no 200 body");
                }
            }
        }
    }

    [Fact]
    public async Task Document_ChatCompletions_RequestAnswerStreamAndOpenAiErrorsWithExamples()
    {
        var (gateway, ollama) = await StartAsync();
        await using (ollama)
        await using (gateway)
        {
            var document = await DocumentAsync(gateway);
            var chat = document.GetProperty("paths").GetProperty("/v1/chat/completions").GetProperty("post");

            var request = chat.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            Assert.Equal("#/components/schemas/ChatCompletionRequest", request.GetProperty("schema").GetProperty("$ref").GetString());
            Assert.Equal("generator", request.GetProperty("example").GetProperty("model").GetString());

            var ok = chat.GetProperty("responses").GetProperty("200").GetProperty("content");
            Assert.Equal("#/components/schemas/ChatCompletion", ok.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
            Assert.EndsWith("data: [DONE]\n\n", ok.GetProperty("text/event-stream").GetProperty("example").GetString(), StringComparison.Ordinal);

            foreach (var status in (string[])["400", "401", "404", "502", "503", "504"])
            {
                var error = chat.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json");
                Assert.Equal("#/components/schemas/OpenAiError", error.GetProperty("schema").GetProperty("$ref").GetString());
            }

            var notFound = chat.GetProperty("responses").GetProperty("404").GetProperty("content").GetProperty("application/json").GetProperty("example");
            Assert.Equal("model_not_found", notFound.GetProperty("error").GetProperty("code").GetString());
            var properties = document.GetProperty("components").GetProperty("schemas").GetProperty("ChatCompletionRequest").GetProperty("properties");
            Assert.True(properties.TryGetProperty("messages", out _) && properties.TryGetProperty("stream_options", out _));
        }
    }

    [Fact]
    public async Task Document_GatewayEndpoints_AnswerProblemDetailsOnErrors()
    {
        var (gateway, ollama) = await StartAsync();
        await using (ollama)
        await using (gateway)
        {
            var document = await DocumentAsync(gateway);

            foreach (var path in (string[])["/health", "/health/ready", "/health/backends", "/usage"])
            {
                var error = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("500");
                Assert.True(error.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{path} 500 is not problem details");
            }
        }
    }

    [Fact]
    public async Task SwaggerUi_AtSwagger_ServesThePage()
    {
        var (gateway, ollama) = await StartAsync();
        await using (ollama)
        await using (gateway)
        {
            using var response = await gateway.Http.GetAsync("/swagger/index.html");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var redirect = await gateway.Http.GetAsync("/swagger");
            Assert.Equal(HttpStatusCode.OK, redirect.StatusCode);
        }
    }
}
