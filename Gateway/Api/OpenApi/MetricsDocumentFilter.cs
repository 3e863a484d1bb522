using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Gateway.Api.OpenApi;

/// <summary>Adds <c>GET /metrics</c>, which the Prometheus exporter maps without the metadata the API explorer reads.</summary>
internal sealed class MetricsDocumentFilter : IDocumentFilter
{
    public const string Path = "/metrics";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var operation = new OpenApiOperation
        {
            OperationId = "Metrics",
            Summary = "Prometheus scrape: gen_ai.client.* and gateway.* instruments in the text exposition format",
            Tags = new HashSet<OpenApiTagReference> { new(EndpointDocs.GatewayTag, document) },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "The current value of every instrument",
                    Content = new Dictionary<string, IOpenApiMediaType>
                    {
                        ["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                },
            },
        };
        document.Paths[Path] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }
}
