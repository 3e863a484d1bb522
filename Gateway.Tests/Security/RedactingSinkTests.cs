using Gateway.Redaction;
using Gateway.Security;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Security;

/// <summary>The sink in front of every log sink: masks a configured key wherever an event carries it, and costs nothing otherwise.</summary>
public sealed class RedactingSinkTests
{
    private const string Key = "sk-sink-key-0123456789";

    private readonly LastEvent _inner = new();
    private readonly RedactingSink _sink;

    public RedactingSinkTests() =>
        _sink = new RedactingSink(_inner, new SecretRedactor(Parse($"llm:\n  openai: {{ api_key: \"{Key}\" }}\n")));

    public static TheoryData<string, LogEventPropertyValue> Carriers => new()
    {
        { "string", new ScalarValue($"Bearer {Key}") },
        { "formatted object", new ScalarValue(new Uri($"http://127.0.0.1:9/?key={Key}")) },
        { "sequence", new SequenceValue([new ScalarValue(1), new ScalarValue(Key)]) },
        { "structure", new StructureValue([new LogEventProperty("Header", new ScalarValue(Key))]) },
        { "dictionary key", new DictionaryValue([new(new ScalarValue(Key), new ScalarValue(2))]) },
    };

    [Theory]
    [MemberData(nameof(Carriers))]
    public void Emit_KeyInAnyShape_MaskedBeforeTheSinkSeesIt(string shape, LogEventPropertyValue value)
    {
        _sink.Emit(Event(("Value", value), ("Count", new ScalarValue(3))));

        var written = Assert.IsType<LogEvent>(_inner.Event);
        var text = written.Properties["Value"].ToString();
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.Contains(SecretSet.Mask, text, StringComparison.Ordinal);
        Assert.Equal("3", written.Properties["Count"].ToString());
        Assert.NotNull(shape);
    }

    [Fact]
    public void Emit_NoKeyAnywhere_PassesTheSameEventOnWithoutAllocating()
    {
        var logEvent = Event(
            ("Path", new ScalarValue("/v1/chat/completions")), ("Status", new ScalarValue(200)), ("DurationMs", new ScalarValue(1.5)),
            ("Tokens", new ScalarValue(1234567890123L)), ("Level", new ScalarValue(LogEventLevel.Information)), ("Missing", new ScalarValue(null)));
        _sink.Emit(logEvent);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _sink.Emit(logEvent);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Same(logEvent, _inner.Event);
    }

    private static LogEvent Event(params (string Name, LogEventPropertyValue Value)[] properties) =>
        new(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse("an event"),
            [.. properties.Select(p => new LogEventProperty(p.Name, p.Value))]);

    private sealed class LastEvent : ILogEventSink
    {
        public LogEvent? Event { get; private set; }

        public void Emit(LogEvent logEvent) => Event = logEvent;
    }
}
