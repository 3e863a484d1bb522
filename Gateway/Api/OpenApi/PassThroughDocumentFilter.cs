using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Api.OpenApi;

/// <summary>
/// Adds <c>/proxy/{backend}/{path}</c>, the native pass-through. It is mapped for any method and any native path, which the API explorer
/// cannot describe, so it is written here: the common methods, the path as one parameter that may hold slashes.
/// </summary>
internal sealed class PassThroughDocumentFilter : IDocumentFilter
{
    public const string Path = "/proxy/{backend}/{path}";

    public static readonly HttpMethod[] Methods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var operations = new Dictionary<HttpMethod, OpenApiOperation>();
        foreach (var method in Methods)
        {
            operations[method] = Operation(method, document);
        }

        document.Paths[Path] = new OpenApiPathItem { Operations = operations };
    }

    /// <summary>On each operation rather than the path item, so every key under the path is an operation.</summary>
    private static List<IOpenApiParameter> Parameters() =>
            [
                new OpenApiParameter
                {
                    Name = "backend", In = ParameterLocation.Path, Required = true,
                    Description = "A configured backend: `ollama`, `openai`, `lmstudio`, `anthropic` or `azure`; its pool chooses the endpoint.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                },
                new OpenApiParameter
                {
                    Name = "path", In = ParameterLocation.Path, Required = true,
                    Description = "The backend's native path, slashes included: `api/…` or `v1/…` (Ollama), `v1/…` (OpenAI, Anthropic), `v1/…` or `api/…` (LM Studio), `openai/…` (Azure). Anything else is a 404.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            ];

    private static OpenApiOperation Operation(HttpMethod method, OpenApiDocument document) => new()
    {
        OperationId = $"PassThrough{method.Method[0]}{method.Method[1..].ToLowerInvariant()}",
        Summary = $"Pass-through: {method.Method} the backend's native API",
        Description = """
            Forwards the request to the backend's native API with the backend's credentials; the client's `Authorization`,
            `Proxy-Authorization`, `x-api-key`, `api-key`, `Cookie` and `x-gateway-*` headers are removed. Not retried, no fallback. Method,
            query, other headers and body go as sent; status, headers and body come back as the upstream sent them, streamed. An unknown
            backend or path is a 404, a backend without its key a 401, an unreachable endpoint a 502 and a timeout before the headers a 504,
            as problem details.
            """,
        Tags = new HashSet<OpenApiTagReference> { new(EndpointDocs.GatewayTag, document) },
        Parameters = Parameters(),
        RequestBody = method == HttpMethod.Get || method == HttpMethod.Delete ? null : new OpenApiRequestBody
        {
            Description = "Sent to the upstream as it is, any media type.",
            Content = new Dictionary<string, IOpenApiMediaType> { ["*/*"] = new OpenApiMediaType() },
        },
        Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = "The upstream's answer as it sent it (any status, headers and body)",
                Content = new Dictionary<string, IOpenApiMediaType> { ["*/*"] = new OpenApiMediaType() },
            },
            ["401"] = Problem("The backend needs a key and has none; the detail names the variable to set"),
            ["404"] = Problem("No such backend is configured, or the path is not one of its native prefixes"),
            ["502"] = Problem("The backend's endpoint could not be reached"),
            ["504"] = Problem("The upstream sent no headers in time"),
        },
    };

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
        },
    };
}
