using Serilog;
using Serilog.Events;

namespace Gateway.Hosting;

/// <summary>Serilog as the logging provider: a readable console, framework chatter kept to warnings, debug only with <c>CODE_EVOLVER_DEBUG=1</c>.</summary>
internal static class GatewayLogging
{
    public static WebApplicationBuilder AddGatewayLogging(this WebApplicationBuilder builder)
    {
        var debug = Environment.GetEnvironmentVariable("CODE_EVOLVER_DEBUG") == "1";
        builder.Services.AddSerilog(logger => logger
            .MinimumLevel.Is(debug ? LogEventLevel.Debug : LogEventLevel.Information)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        return builder;
    }
}
