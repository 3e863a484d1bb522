using Gateway.Proxy;

namespace Gateway.Api;

/// <summary>Maps the gateway's HTTP surface.</summary>
internal static class GatewayApi
{
    public static WebApplication MapGatewayApi(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorShapes.WriteUnhandledAsync });
        app.UseStatusCodePages(ErrorShapes.WriteStatusCodeAsync);

        var v1 = app.MapGroup("/v1");
        v1.MapPost("/chat/completions", ChatCompletionsEndpoint.HandleAsync);
        v1.MapPost("/embeddings", EmbeddingsEndpoint.HandleAsync);
        v1.MapGet("/models", ModelsEndpoints.List);
        v1.MapGet("/models/{**id}", ModelsEndpoints.Get);
        v1.MapFallback(ErrorShapes.UnknownV1RouteAsync);

        app.MapGet("/tools", ToolsEndpoints.List);
        app.MapPost("/tools/{name}/invoke", ToolsEndpoints.InvokeAsync);
        app.MapPost("/select-model", SelectModelEndpoint.HandleAsync);

        app.MapGet("/health", HealthEndpoints.Live);
        app.MapGet("/health/ready", HealthEndpoints.Ready);
        app.MapGatewayPassThrough();
        return app;
    }
}
