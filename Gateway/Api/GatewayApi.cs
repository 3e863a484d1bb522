using Gateway.Api.OpenApi;
using Gateway.Proxy;

namespace Gateway.Api;

/// <summary>Maps the gateway's HTTP surface.</summary>
internal static class GatewayApi
{
    /// <summary>Errors the framework raises (unhandled exceptions, bare status codes) in the shape of where they happen.</summary>
    public static WebApplication UseGatewayErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(ErrorShapes.WriteStatusCodeAsync);
        return app;
    }

    public static WebApplication MapGatewayApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/chat/completions", ChatCompletionsEndpoint.HandleAsync).DocumentChatCompletions();
        v1.MapPost("/messages", MessagesEndpoint.HandleAsync).DocumentMessages();
        v1.MapPost("/messages/count_tokens", CountTokensEndpoint.HandleAsync).DocumentCountTokens();
        v1.MapPost("/responses", ResponsesEndpoint.HandleAsync).DocumentResponses();
        v1.MapPost("/embeddings", EmbeddingsEndpoint.HandleAsync).DocumentEmbeddings();
        v1.MapGet("/models", ModelsEndpoints.List).DocumentListModels();
        v1.MapGet("/models/{**id}", ModelsEndpoints.Get).DocumentGetModel();
        v1.MapFallback(ErrorShapes.UnknownV1RouteAsync);

        app.MapGet("/tools", ToolsEndpoints.List).DocumentListTools();
        app.MapPost("/tools/{name}/invoke", ToolsEndpoints.InvokeAsync).DocumentInvokeTool();
        app.MapPost("/select-model", SelectModelEndpoint.HandleAsync).DocumentSelectModel();

        // Claude Code's warm-up probe; a HEAD has no body to document.
        app.MapMethods("/", [HttpMethods.Head], WarmUpEndpoint.Answer).ExcludeFromDescription();
        app.MapMethods("/api/hello", [HttpMethods.Head], WarmUpEndpoint.Answer).ExcludeFromDescription();
        app.MapGet("/health", HealthEndpoints.Live).DocumentLiveness();
        app.MapGet("/health/ready", HealthEndpoints.Ready).DocumentReadiness();
        app.MapGet("/health/backends", HealthEndpoints.Backends).DocumentBackendHealth();
        app.MapGet("/usage", UsageEndpoint.Get).DocumentUsage();
        app.MapGatewayPassThrough();
        return app;
    }
}
