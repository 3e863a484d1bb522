using System.Globalization;
using Gateway.Configuration;
using Gateway.Redaction;
using Gateway.Security;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace Gateway.Hosting;

/// <summary>
/// Serilog as the logging provider, written to the console in batches by a thread of its own (<see cref="BatchedConsoleSink"/>):
/// readable lines by default, compact JSON (one event per line) with <c>--log-format json</c> or <c>logging.format: json</c>;
/// framework chatter kept to warnings; debug with <c>CODE_EVOLVER_DEBUG=1</c> (only <c>1</c>).
/// Every sink sits behind <see cref="RedactingSink"/>, so a configured secret never reaches a log; further sinks registered as
/// <see cref="ILogEventSink"/> services get the same masked events. Each app owns its logger (the static <c>Log.Logger</c> is left
/// alone), so gateways hosted side by side in one process never write into each other's sinks.
/// </summary>
internal static class GatewayLogging
{
    /// <summary>The command-line option choosing the format: <c>--log-format text|json</c>.</summary>
    public const string FormatOption = "log-format";

    public const string DebugVariable = "CODE_EVOLVER_DEBUG";

    /// <summary>
    /// ASP.NET Core's per-request start and finish lines. While this category is enabled at any level, the host opens an
    /// <see cref="System.Diagnostics.Activity"/> and a logging scope for every request just in case; the completion line says more, and
    /// unhandled exceptions are logged by the exception handler's own category. With tracing on, the request span is still made.
    /// </summary>
    private const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// The health-check service's lines: one per check run, at error for every backend that does not answer, repeated on every poll of
    /// <c>/health/backends</c>. What the probes find is that endpoint's answer and the breaker's state; a check that throws reaches the
    /// caller (<c>BackendHealthChecks</c>), which rethrows it to the exception handler.
    /// </summary>
    private const string HealthChecks = "Microsoft.Extensions.Diagnostics.HealthChecks";

    /// <summary>A level above <see cref="LogEventLevel.Fatal"/>: nothing in the category is enabled, not even a critical event.</summary>
    private static readonly LoggingLevelSwitch Silent = new(LogEventLevel.Fatal + 1);

    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static WebApplicationBuilder AddGatewayLogging(this WebApplicationBuilder builder, GatewayConfig config, Func<string, string?> environment)
    {
        var format = FormatOf(builder.Configuration[FormatOption], config.Logging);
        var level = LevelFrom(config.Logging.Level ?? LogLevel.Information, environment(DebugVariable) == "1");
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .MinimumLevel.Is(level)
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("System.Net.Http", LogEventLevel.Warning)
                .MinimumLevel.Override(HostingDiagnostics, Silent)
                .MinimumLevel.Override(HealthChecks, Silent)
                .Filter.ByExcluding(IsAddressInUse)
                .Enrich.FromLogContext()
                .WriteTo.Redacted(services, to => to.Sink(new BatchedConsoleSink(Formatter(format), Console.Out)));
        }, preserveStaticLogger: true); // each host logs through its own logger, never the process-wide Log.Logger
        return builder;
    }

    /// <summary>How each event is written: compact JSON (<c>@t</c>, <c>@mt</c>, <c>@l</c>, properties), or one readable line.</summary>
    public static ITextFormatter Formatter(LogFormat format) => format == LogFormat.Json
        ? new CompactJsonFormatter()
        : new MessageTemplateTextFormatter(TextTemplate, CultureInfo.InvariantCulture);

    /// <summary>The level in force: the configured one, lowered to debug when <paramref name="debug"/>.</summary>
    public static LogEventLevel LevelFrom(LogLevel configured, bool debug)
    {
        var level = configured switch
        {
            LogLevel.Trace => LogEventLevel.Verbose,
            LogLevel.Debug => LogEventLevel.Debug,
            LogLevel.Information => LogEventLevel.Information,
            LogLevel.Warning => LogEventLevel.Warning,
            LogLevel.Error => LogEventLevel.Error,
            _ => LogEventLevel.Fatal,
        };
        return debug && level > LogEventLevel.Debug ? LogEventLevel.Debug : level;
    }

    /// <summary>The format in force: <c>--log-format</c>, else <c>logging.format</c>, else text. Throws for an unknown option value.</summary>
    public static LogFormat FormatOf(string? option, LoggingConfig logging)
    {
        if (string.IsNullOrWhiteSpace(option))
        {
            return logging.Format ?? LogFormat.Text;
        }

        return LoggingSectionReader.ParseFormat(option)
            ?? throw new ConfigException($"--{FormatOption}: unknown log format '{option}'; valid formats: text, json");
    }

    /// <summary>
    /// A listen address already in use ends the process with one line saying so (the serve command's own); the host's own report of
    /// it, two stack traces long, is left out.
    /// </summary>
    private static bool IsAddressInUse(LogEvent logEvent) =>
        logEvent.Exception is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException };

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
