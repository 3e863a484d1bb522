using System.Globalization;
using System.Text;
using Gateway.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace Gateway.Tests.Hosting;

/// <summary>The console sink behind the gateway's logger: lines in order, batched writes, no idle wake-ups, nothing lost at shutdown.</summary>
public sealed class BatchedConsoleSinkTests
{
    private static readonly MessageTemplateTextFormatter Lines = new("{Message}{NewLine}", CultureInfo.InvariantCulture);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Emit_SeveralEvents_WrittenInOrderWithoutWaitingForMore()
    {
        var console = new GatedWriter(open: true);
        using var sink = new BatchedConsoleSink(Lines, console);

        sink.Emit(Event("first"));
        sink.Emit(Event("second"));
        sink.Emit(Event("third"));

        var n = Environment.NewLine;
        await Until(() => console.Text == $"first{n}second{n}third{n}");
    }

    [Fact]
    public void Logger_DisposedWithEventsStillQueued_WritesEveryOneInBatches()
    {
        var console = new GatedWriter(open: false);
        var logger = new LoggerConfiguration().WriteTo.Sink(new BatchedConsoleSink(Lines, console)).CreateLogger();

        for (var i = 0; i < 5000; i++)
        {
            logger.Information("line {Number}", i);
        }

        console.Open();
        logger.Dispose();

        var lines = console.Text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"line {i}"), lines);
        // While the first write was held up, the other 4,999 or so queued and went out 64 to a write.
        Assert.InRange(console.Flushes, 5000 / BatchedConsoleSink.BatchLimit, 2 + (5000 / BatchedConsoleSink.BatchLimit));
    }

    [Fact]
    public async Task Idle_AfterALine_WriterSleepsUntilTheNextEvent()
    {
        var console = new GatedWriter(open: true);
        using var sink = new BatchedConsoleSink(Lines, console);
        sink.Emit(Event("one"));
        await Until(() => console.Flushes == 1);
        await Task.Delay(TimeSpan.FromMilliseconds(50)); // time to go back to sleep
        var before = sink.Wakeups;

        await Task.Delay(TimeSpan.FromMilliseconds(200));

        Assert.Equal(before, sink.Wakeups);
        sink.Emit(Event("two"));
        await Until(() => console.Flushes == 2);
        Assert.Equal(before + 1, sink.Wakeups);
    }

    [Fact]
    public void Emit_QueueFull_DropsNewEventsAndTheNextLineSaysHowMany()
    {
        const int limit = 100;
        var console = new GatedWriter(open: false);
        var sink = new BatchedConsoleSink(Lines, console, queueLimit: limit);
        sink.Emit(Event("held"));
        Assert.True(SpinWait.SpinUntil(() => console.Writes == 1, Patience), "the writer never reached the console");

        for (var i = 0; i < limit + 25; i++)
        {
            sink.Emit(Event("queued"));
        }

        console.Open();
        sink.Dispose();

        var lines = console.Text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + limit, lines.Count(line => line is "held" or "queued"));
        Assert.Contains("(25 log events were dropped: the console did not keep up with the gateway)", lines);
    }

    [Fact]
    public void Emit_FormatterThrows_LineSaysSoAndLaterEventsStillWritten()
    {
        var console = new GatedWriter(open: true);
        var sink = new BatchedConsoleSink(new ThrowingFormatter(), console);

        sink.Emit(Event("boom"));
        sink.Emit(Event("fine"));
        sink.Dispose();

        Assert.Contains("(a log event could not be formatted: boom)", console.Text, StringComparison.Ordinal);
        Assert.Contains("fine", console.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_ConsoleGone_LaterLinesStillTried()
    {
        var console = new FailingWriter(failures: 1);
        using var sink = new BatchedConsoleSink(Lines, console);

        sink.Emit(Event("lost"));
        await Until(() => console.Attempts == 1);
        sink.Emit(Event("kept"));

        await Until(() => console.ToString() == $"kept{Environment.NewLine}");
    }

    private static LogEvent Event(string text) =>
        new(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse(text), []);

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not met in time");
            await Task.Delay(5);
        }
    }

    /// <summary>A console that holds every write until opened, counting writes and flushes.</summary>
    private sealed class GatedWriter(bool open) : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly ManualResetEventSlim _open = new(open);
        private int _writes;
        private int _flushes;

        public override Encoding Encoding => Encoding.UTF8;

        public int Writes => Volatile.Read(ref _writes);

        public int Flushes => Volatile.Read(ref _flushes);

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public void Open() => _open.Set();

        public override void Write(char value) => Write(value.ToString());

        public override void Write(StringBuilder? value) => Write(value?.ToString());

        public override void Write(string? value)
        {
            Interlocked.Increment(ref _writes);
            _open.Wait();
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Flush() => Interlocked.Increment(ref _flushes);
    }

    /// <summary>A console whose first writes fail as a closed one does.</summary>
    private sealed class FailingWriter(int failures) : StringWriter(CultureInfo.InvariantCulture)
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public override void Write(StringBuilder? value)
        {
            ObjectDisposedException.ThrowIf(Interlocked.Increment(ref _attempts) <= failures, this);

            lock (this)
            {
                base.Write(value);
            }
        }

        public override string ToString()
        {
            lock (this)
            {
                return base.ToString();
            }
        }
    }

    private sealed class ThrowingFormatter : Serilog.Formatting.ITextFormatter
    {
        public void Format(LogEvent logEvent, TextWriter output)
        {
            if (logEvent.MessageTemplate.Text == "boom")
            {
                throw new InvalidOperationException("boom");
            }

            Lines.Format(logEvent, output);
        }
    }
}
