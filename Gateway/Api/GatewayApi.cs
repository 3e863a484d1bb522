using Gateway.Hosting;

namespace Gateway.Api;

/// <summary>Maps the gateway's HTTP surface.</summary>
internal static class GatewayApi
{
    public static WebApplication MapGatewayApi(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorShapes.WriteUnhandledAsync });
        app.UseStatusCodePages(ErrorShapes.WriteStatusCodeAsync);
        app.UseGatewaySecurity();

        var v1 = app.MapGroup("/v1");
        v1.MapPost("/chat/completions", ChatCompletionsEndpoint.HandleAsync);
        v1.MapPost("/embeddings", EmbeddingsEndpoint.HandleAsync);
        v1.MapGet("/models", ModelsEndpoints.List);
        v1.MapGet("/models/{**id}", ModelsEndpoints.Get);
        v1.MapFallback(ErrorShapes.UnknownV1RouteAsync);

        app.MapGet("/health", HealthEndpoints.Live);
        app.MapGet("/health/ready", HealthEndpoints.Ready);
        return app;
    }
}
