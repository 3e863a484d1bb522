using Gateway.Configuration;
using Gateway.Redaction;
using Gateway.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Health;

/// <summary>
/// Once the gateway listens, asks the default backend once (in the background, never delaying the start) and, when none of its
/// endpoints answers, logs one warning that says so and what to do: start it, point the config at it, or try the built-in mock.
/// Otherwise the first sign of a missing Ollama would be a client's failed request.
/// </summary>
internal static partial class FirstRunCheck
{
    public const string DemoConfig = "config/config.demo.yaml";

    public static async Task WarnIfDefaultBackendUnreachableAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var config = services.GetRequiredService<GatewayRuntime>().Current.Config;
        if (!config.Llm.Backends.TryGetValue(config.Llm.DefaultBackend, out var backend))
        {
            return;
        }

        try
        {
            var health = await services.GetRequiredService<HealthCheckService>().CheckBackendAsync(backend.Name, cancellationToken);
            if (health is null || health.Ready || health.Endpoints.Count == 0)
            {
                return;
            }

            var endpoint = health.Endpoints[0];
            var redactor = services.GetRequiredService<SecretRedactor>();
            LogUnreachable(
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway"),
                backend.Name,
                redactor.Redact(endpoint.Url),
                redactor.Redact(endpoint.Error ?? "no answer"),
                WhatToDo(backend));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped before the answer came: nothing to say.
        }
    }

    /// <summary>How to get <paramref name="backend"/> answering, ending with the mock as the way to try the gateway without it.</summary>
    internal static string WhatToDo(BackendConfig backend)
    {
        var start = backend.Kind switch
        {
            BackendKind.Ollama => $"start Ollama (`ollama serve`) and pull the models this config names ({PullCommands(backend)}), "
                + $"or point llm.{backend.Name}.base_url at a running one",
            BackendKind.LMStudio => $"start LM Studio's server (`lms server start`) or point llm.{backend.Name}.base_url at a running one",
            _ => $"check llm.{backend.Name}'s URL, the network and the API key",
        };
        return $"{start}; the doctor command (`dotnet Gateway.dll doctor`) checks every backend. To try the gateway with no LLM at all: --config {DemoConfig} (the built-in mock)";
    }

    private static string PullCommands(BackendConfig backend)
    {
        var models = backend.Models.Values.Concat(backend.EmbeddingModel is { } embedding ? [embedding] : []).Distinct(StringComparer.Ordinal).ToList();
        return models.Count == 0 ? "`ollama pull <model>`" : string.Join(", ", models.Select(model => $"`ollama pull {model}`"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The default backend {Backend} does not answer at {Url} ({Error}): {WhatToDo}")]
    private static partial void LogUnreachable(ILogger logger, string backend, string url, string error, string whatToDo);
}
