using Gateway.Resilience;

namespace Gateway.Dispatch;

internal static class DispatchServices
{
    /// <summary>
    /// The dispatchers, and the one chain every try runs through, outermost first: its span, its record (and log line), the endpoint's
    /// health, failure mapping, and at the core the send. Polly's pipeline (<see cref="AttemptPipelines"/>) runs the chain per try.
    /// </summary>
    public static IServiceCollection AddGatewayDispatch(this IServiceCollection services)
    {
        services.AddUpstreamTransport();
        services.AddSingleton<AttemptPipelines>();
        services.AddSingleton<IUpstreamCall>(static services => new UpstreamCallBuilder(new SendingCall(services.GetRequiredService<UpstreamClient>()))
            .Use(static inner => new TracedCall(inner))
            .Use(inner => new RecordedCall(inner, services.GetRequiredService<ILogger<RecordedCall>>()))
            .Use(inner => new HealthFeedbackCall(inner, services.GetRequiredService<EndpointHealth>(), services.GetRequiredService<ILogger<HealthFeedbackCall>>()))
            .Use(static inner => new FailureMappingCall(inner))
            .Build());
        services.AddSingleton<AttemptRunner>();
        services.AddSingleton<ChatDispatcher>();
        services.AddSingleton<EmbeddingsDispatcher>();
        return services;
    }
}
