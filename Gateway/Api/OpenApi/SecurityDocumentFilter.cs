using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Api.OpenApi;

/// <summary>
/// The two ways to present a gateway key (<c>Authorization: Bearer</c> or <c>x-api-key</c>), so Swagger UI can send one, required by
/// every operation but the probes. A key is needed only while <c>server.api_keys</c> holds any.
/// </summary>
internal sealed class SecurityDocumentFilter : IDocumentFilter
{
    public const string Bearer = "bearer";
    public const string ApiKey = "x-api-key";

    /// <summary>The probes answer without a key (<c>GET /health</c>, <c>GET /health/ready</c>).</summary>
    private static readonly HashSet<string> Open = [ExampleFilter.Liveness, ExampleFilter.Readiness];

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A gateway key from server.api_keys, as `Authorization: Bearer <key>` (what OpenAI SDKs send).",
        };
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKey,
            Description = "A gateway key from server.api_keys, as `x-api-key: <key>` (what Anthropic SDKs send).",
        };

        foreach (var path in document.Paths.Values)
        {
            if (path.Operations is null)
            {
                continue;
            }

            foreach (var operation in path.Operations.Values)
            {
                if (operation.OperationId is { } id && Open.Contains(id))
                {
                    continue;
                }

                // Either scheme will do: two requirements, not one with both.
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKey, document)] = [] },
                ];
            }
        }
    }
}
