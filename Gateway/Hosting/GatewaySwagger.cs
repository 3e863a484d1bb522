using Gateway.Api.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.Hosting;

/// <summary>The OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>, built from the endpoints' metadata.</summary>
internal static class GatewaySwagger
{
    public const string DocumentPath = "/swagger/v1/swagger.json";

    public static WebApplicationBuilder AddGatewaySwagger(this WebApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "LLM Gateway",
                Version = "v1",
                Description = "OpenAI-compatible endpoints (errors in OpenAI's shape) and the gateway's own (errors as RFC 9457 problem details).",
            });
            swagger.OperationFilter<ExampleFilter>();
            swagger.OperationFilter<GatewayHeadersFilter>();
            swagger.DocumentFilter<MetricsDocumentFilter>();
            swagger.DocumentFilter<PassThroughDocumentFilter>();
            swagger.DocumentFilter<SecurityDocumentFilter>();
            swagger.CustomSchemaIds(type => type.Name.Replace("Schema", "", StringComparison.Ordinal));
        });
        return builder;
    }

    /// <summary>
    /// Serves both under <c>/swagger</c> only, so other requests do not pass through two more middlewares. Runs after the key check:
    /// with <c>server.api_keys</c> set, the documentation needs a key like every other path but <c>GET /health</c>.
    /// </summary>
    public static WebApplication UseGatewaySwagger(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger =>
        {
            swagger.UseSwagger();
            swagger.UseSwaggerUI(ui =>
            {
                ui.SwaggerEndpoint(DocumentPath, "LLM Gateway v1");
                ui.DocumentTitle = "LLM Gateway API";
            });
        });
        return app;
    }
}
