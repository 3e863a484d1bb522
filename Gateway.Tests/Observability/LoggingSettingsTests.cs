using Gateway.Configuration;
using Gateway.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Observability;

/// <summary>The <c>logging:</c> section, <c>--log-format</c> and <c>CODE_EVOLVER_DEBUG</c>.</summary>
public sealed class LoggingSettingsTests
{
    private const string Ollama = "llm:\n  ollama: {}\n";

    [Fact]
    public void Parse_LoggingSection_ReadsFormatAndLevel()
    {
        var config = Parse(Ollama + "logging:\n  format: json\n  level: WARNING\n");

        Assert.Equal(LogFormat.Json, config.Logging.Format);
        Assert.Equal(LogLevel.Warning, config.Logging.Level);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Parse_ProductLoggingSection_LoadsAndSaysConversationsAreNeverLogged()
    {
        var config = Parse(Ollama + "logging: {level: \"INFO\", log_llm_conversations: true}\n");

        Assert.Equal(LogLevel.Information, config.Logging.Level);
        var warning = Assert.Single(config.Warnings);
        Assert.Contains("logging.log_llm_conversations: is ignored: the gateway never writes prompts or answers to its logs", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("logging:\n  format: jsn\n", "test.yaml:4:11: logging.format: unknown log format 'jsn'; valid formats: text, json (did you mean 'json'?)")]
    [InlineData("logging:\n  level: loud\n", "test.yaml:4:10: logging.level: unknown log level 'loud'; valid levels: trace, debug, info, warning, error, critical")]
    [InlineData("logging:\n  formatt: json\n", "test.yaml:4:3: logging: unknown key 'formatt'; valid keys: format, level, log_llm_conversations (did you mean 'format'?)")]
    public void Parse_BadLoggingValue_ErrorSaysWhatIsValid(string section, string expected)
    {
        Assert.Equal(expected, ParseError(Ollama + section));
    }

    [Theory]
    [InlineData(null, null, "Text")]
    [InlineData(null, "Json", "Json")]
    [InlineData("json", null, "Json")]
    [InlineData("text", "Json", "Text")]
    [InlineData("JSON", "Text", "Json")]
    public void FormatOf_CommandLineThenConfigThenText(string? option, string? configured, string expected)
    {
        var logging = new LoggingConfig { Format = configured is null ? null : Enum.Parse<LogFormat>(configured) };

        Assert.Equal(Enum.Parse<LogFormat>(expected), GatewayLogging.FormatOf(option, logging));
    }

    [Fact]
    public void FormatOf_UnknownCommandLineValue_StartupErrorListsFormats()
    {
        var error = Assert.Throws<ConfigException>(() => GatewayLogging.FormatOf("xml", new LoggingConfig()));

        Assert.Equal("--log-format: unknown log format 'xml'; valid formats: text, json", error.Message);
    }

    [Theory]
    [InlineData(LogLevel.Information, false, LogEventLevel.Information)]
    [InlineData(LogLevel.Information, true, LogEventLevel.Debug)]
    [InlineData(LogLevel.Error, true, LogEventLevel.Debug)]
    [InlineData(LogLevel.Trace, true, LogEventLevel.Verbose)]
    [InlineData(LogLevel.Warning, false, LogEventLevel.Warning)]
    public void LevelFrom_DebugLowersButNeverRaisesTheLevel(LogLevel configured, bool debug, LogEventLevel expected)
    {
        Assert.Equal(expected, GatewayLogging.LevelFrom(configured, debug));
    }

    [Fact]
    public void Formatter_Json_WritesOneCompactJsonObjectPerEvent()
    {
        var line = Format(LogFormat.Json);

        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("Served by {Backend}", json.RootElement.GetProperty("@mt").GetString());
        Assert.Equal("Warning", json.RootElement.GetProperty("@l").GetString());
        Assert.Equal("ollama", json.RootElement.GetProperty("Backend").GetString());
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Formatter_Text_WritesAReadableLine()
    {
        Assert.Equal("[00:00:00 WRN] Served by ollama" + System.Environment.NewLine, Format(LogFormat.Text));
    }

    private static string Format(LogFormat format)
    {
        var logEvent = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Warning, null, new Serilog.Parsing.MessageTemplateParser().Parse("Served by {Backend}"),
            [new LogEventProperty("Backend", new ScalarValue("ollama"))]);
        using var output = new StringWriter();
        GatewayLogging.Formatter(format).Format(logEvent, output);
        return output.ToString();
    }
}
