using Gateway.Resilience;

namespace Gateway.Dispatch;

internal static class DispatchServices
{
    /// <summary>
    /// The dispatchers, and the one chain every try runs through (<see cref="Chain"/>): its span, its record (and log line), the
    /// endpoint's health, failure mapping, and at the core the send. Polly's pipeline (<see cref="AttemptPipelines"/>) runs the chain per try.
    /// </summary>
    public static IServiceCollection AddGatewayDispatch(this IServiceCollection services)
    {
        services.AddUpstreamTransport();
        services.AddSingleton<AttemptPipelines>();
        services.AddSingleton(static services => Chain(
            new SendingCall(services.GetRequiredService<UpstreamClient>()), services.GetRequiredService<EndpointHealth>(), services.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<AttemptRunner>();
        services.AddSingleton<ChatDispatcher>();
        services.AddSingleton<EmbeddingsDispatcher>();
        return services;
    }

    /// <summary>The stages of every try around <paramref name="core"/>, outermost first.</summary>
    public static IUpstreamCall Chain(IUpstreamCall core, EndpointHealth health, ILoggerFactory loggers) =>
        new UpstreamCallBuilder(core)
            .Use(static inner => new TracedCall(inner))
            .Use(inner => new RecordedCall(inner, loggers.CreateLogger<RecordedCall>()))
            .Use(inner => new HealthFeedbackCall(inner, health, loggers.CreateLogger<HealthFeedbackCall>()))
            .Use(static inner => new FailureMappingCall(inner))
            .Build();
}
