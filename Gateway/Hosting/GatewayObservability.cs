using Gateway.Accounting;
using Gateway.Api.OpenApi;
using Gateway.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Hosting;

/// <summary>
/// OpenTelemetry and usage accounting. Metrics are always collected and scraped at <c>GET /metrics</c>; traces (a server span per request,
/// a client span per upstream attempt) and OTLP export of both are on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so a gateway nobody
/// watches pays nothing for spans. One line at start says where they go; export failures are logged, at most one line a minute.
/// </summary>
internal static partial class GatewayObservability
{
    public const string OtlpEndpointVariable = OtlpExport.EndpointVariable;
    public const string OtlpProtocolVariable = OtlpExport.ProtocolVariable;
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";
    public const string DefaultServiceName = "llm-gateway";

    public static WebApplicationBuilder AddGatewayObservability(this WebApplicationBuilder builder, Func<string, string?> environment)
    {
        builder.Services.AddSingleton<UsageLedger>();
        builder.Services.AddSingleton<RequestLog>();

        var export = OtlpExport.From(environment);
        builder.Services.AddSingleton(export);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(environment(ServiceNameVariable) is { Length: > 0 } name ? name : DefaultServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        if (export.Endpoint is { } otlp)
        {
            builder.Services.AddSingleton<ExportFailureLog>();
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(GatewayTelemetry.Name)
                    .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !RequestObservationMiddleware.IsHousekeeping(context.Request.Path)))
                .UseOtlpExporter(export.Protocol, otlp);
        }

        return builder;
    }

    /// <summary>Follows every request (headers, ledger, completion log) and serves the Prometheus scrape.</summary>
    public static WebApplication UseGatewayObservability(this WebApplication app)
    {
        app.UseMiddleware<RequestObservationMiddleware>();
        app.MapPrometheusScrapingEndpoint(MetricsDocumentFilter.Path);

        var export = app.Services.GetRequiredService<OtlpExport>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayObservability).FullName!);
        if (export.EndpointShown is { } endpoint)
        {
            app.Services.GetRequiredService<ExportFailureLog>(); // listens from now on; the container disposes it with the app
            LogExported(log, endpoint, export.ProtocolName, MetricsDocumentFilter.Path);
        }
        else
        {
            LogNotExported(log, OtlpExport.EndpointVariable, MetricsDocumentFilter.Path);
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry: traces and metrics exported over OTLP ({Protocol}) to {Endpoint}; metrics also scraped at {ScrapePath}")]
    private static partial void LogExported(ILogger logger, string endpoint, string protocol, string scrapePath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry: traces and metrics not exported ({Variable} is not set); metrics scraped at {ScrapePath}")]
    private static partial void LogNotExported(ILogger logger, string variable, string scrapePath);
}
