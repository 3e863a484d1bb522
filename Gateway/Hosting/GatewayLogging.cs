using Gateway.Security;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace Gateway.Hosting;

/// <summary>
/// Serilog as the logging provider: a readable console, framework chatter kept to warnings, debug only with <c>CODE_EVOLVER_DEBUG=1</c>.
/// Every sink sits behind <see cref="RedactingSink"/>, so a configured secret never reaches a log; further sinks registered as
/// <see cref="ILogEventSink"/> services get the same masked events. Each app owns its logger (the static <c>Log.Logger</c> is left
/// alone), so gateways hosted side by side in one process never write into each other's sinks.
/// </summary>
internal static class GatewayLogging
{
    public static WebApplicationBuilder AddGatewayLogging(this WebApplicationBuilder builder)
    {
        var debug = Environment.GetEnvironmentVariable("CODE_EVOLVER_DEBUG") == "1";
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Is(debug ? LogEventLevel.Debug : LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Redacted(services, to => to.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)),
            preserveStaticLogger: true);
        return builder;
    }

    private static LoggerConfiguration Redacted(this LoggerSinkConfiguration writeTo, IServiceProvider services, Action<LoggerSinkConfiguration> sinks)
    {
        var redactor = services.GetRequiredService<SecretRedactor>();
        return writeTo.Sink(LoggerSinkConfiguration.Wrap(sink => new RedactingSink(sink, redactor), to =>
        {
            sinks(to);
            foreach (var sink in services.GetServices<ILogEventSink>())
            {
                to.Sink(sink);
            }
        }));
    }
}
