using Gateway.Backends;
using Gateway.Backends.Anthropic;
using Gateway.Backends.Azure;
using Gateway.Backends.Mock;
using Gateway.Backends.Ollama;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Health;
using Gateway.Proxy;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Runtime;
using Gateway.Selection;
using Gateway.Surfaces;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Hosting;

/// <summary>Registers the gateway's services: the config snapshot, routing state, protocols and dispatchers.</summary>
internal static class GatewayServices
{
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder, GatewayConfig config)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<Api.UnhandledExceptionHandler>();

        // A handled exception is still logged with its stack: an answer in the right shape must not hide a bug.
        services.Configure<ExceptionHandlerOptions>(options => options.SuppressDiagnosticsCallback = static _ => false);
        services.AddSingleton(config);
        services.AddSingleton<EndpointHealth>();
        services.AddSingleton<EndpointPools>();
        services.AddSingleton<GatewayRuntime>();

        services.AddSingleton<IBackendProtocol, OpenAiCompatibleProtocol>();
        services.AddSingleton<IBackendProtocol, AzureOpenAiProtocol>();
        services.AddSingleton<IBackendProtocol, OllamaProtocol>();
        services.AddSingleton<IBackendProtocol, AnthropicProtocol>();
        services.AddSingleton<IBackendProtocol, MockProtocol>();
        services.AddSingleton<BackendProtocols>();

        services.AddGatewayDispatch();
        services.AddSingleton<ChatCompletionsSurface>();
        services.AddSingleton<Surfaces.Anthropic.AnthropicMessagesSurface>();
        services.AddSingleton<Surfaces.Responses.ResponsesSurface>();
        services.AddGatewayHealthChecks();
        services.AddGatewayPassThrough();
        services.AddSingleton<SelectorCache>();
        return builder;
    }
}
