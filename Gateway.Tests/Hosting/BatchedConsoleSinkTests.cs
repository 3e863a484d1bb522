using System.Globalization;
using System.Text;
using Gateway.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace Gateway.Tests.Hosting;

/// <summary>The console sink behind the gateway's logger: whole batches in one write, nothing lost at shutdown.</summary>
public sealed class BatchedConsoleSinkTests
{
    private static readonly MessageTemplateTextFormatter Lines = new("{Message}{NewLine}", CultureInfo.InvariantCulture);

    [Fact]
    public async Task EmitBatch_SeveralEvents_WrittenInOrderAndFlushedOnce()
    {
        var console = new CountingWriter();
        var sink = new BatchedConsoleSink(Lines, console);

        await sink.EmitBatchAsync([Event("first"), Event("second"), Event("third")]);
        await sink.EmitBatchAsync([Event("fourth")]);

        var n = Environment.NewLine;
        Assert.Equal($"first{n}second{n}third{n}fourth{n}", console.ToString());
        Assert.Equal(2, console.Flushes);
    }

    [Fact]
    public void Logger_DisposedWithEventsStillQueued_WritesEveryOne()
    {
        var console = new CountingWriter();
        var logger = new LoggerConfiguration().WriteTo.Sink(new BatchedConsoleSink(Lines, console), BatchedConsoleSink.Options).CreateLogger();

        for (var i = 0; i < 5000; i++)
        {
            logger.Information("line {Number}", i);
        }

        logger.Dispose();

        var lines = console.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"line {i}"), lines);
        Assert.InRange(console.Flushes, 2, 4999);
    }

    private static LogEvent Event(string text) =>
        new(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse(text), []);

    private sealed class CountingWriter : StringWriter
    {
        public CountingWriter() : base(new StringBuilder(), CultureInfo.InvariantCulture)
        {
        }

        public int Flushes { get; private set; }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }
    }
}
