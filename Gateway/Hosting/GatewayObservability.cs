using Gateway.Accounting;
using Gateway.Api.OpenApi;
using Gateway.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Hosting;

/// <summary>
/// OpenTelemetry and usage accounting. Metrics are always collected and scraped at <c>GET /metrics</c>; traces (a server span per request,
/// a client span per upstream attempt) and OTLP export of both are on when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so a gateway nobody
/// watches pays nothing for spans.
/// </summary>
internal static class GatewayObservability
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtlpProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";
    public const string DefaultServiceName = "llm-gateway";

    public static WebApplicationBuilder AddGatewayObservability(this WebApplicationBuilder builder, Func<string, string?> environment)
    {
        builder.Services.AddSingleton<UsageLedger>();
        builder.Services.AddSingleton<RequestLog>();

        var otlp = OtlpEndpoint(environment);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(environment(ServiceNameVariable) is { Length: > 0 } name ? name : DefaultServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(GatewayTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        if (otlp is not null)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(GatewayTelemetry.Name)
                    .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !RequestObservationMiddleware.IsHousekeeping(context.Request.Path)))
                .UseOtlpExporter(OtlpProtocol(environment), otlp);
        }

        return builder;
    }

    /// <summary>Follows every request (headers, ledger, completion log) and serves the Prometheus scrape.</summary>
    public static WebApplication UseGatewayObservability(this WebApplication app)
    {
        app.UseMiddleware<RequestObservationMiddleware>();
        app.MapPrometheusScrapingEndpoint(MetricsDocumentFilter.Path);
        return app;
    }


    private static Uri? OtlpEndpoint(Func<string, string?> environment) =>
        environment(OtlpEndpointVariable) is { Length: > 0 } value && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    private static OtlpExportProtocol OtlpProtocol(Func<string, string?> environment) =>
        environment(OtlpProtocolVariable) is "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
}
