using System.Globalization;
using System.Text;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Gateway.Hosting;

/// <summary>
/// Writes log events to the console in batches. A request thread only queues its event; a background writer formats the queued events
/// and hands them to the console in one write, so a busy gateway makes one system call per batch instead of one per line and no
/// request waits on the terminal or the pipe behind it. A quiet gateway's first line goes out at once; later ones within
/// <see cref="Options"/>' buffering time. Disposing the logger (the host does at shutdown) writes what is still queued.
/// </summary>
internal sealed class BatchedConsoleSink(ITextFormatter formatter, TextWriter output) : IBatchedLogEventSink
{
    /// <summary>Up to 1,000 events a batch, at most 100 ms late; past 100,000 queued events, logging waits instead of dropping.</summary>
    public static BatchingOptions Options => new()
    {
        BatchSizeLimit = 1000,
        BufferingTimeLimit = TimeSpan.FromMilliseconds(100),
        EagerlyEmitFirstEvent = true,
        QueueLimit = 100_000,
    };

    /// <summary>A batch's text beyond this size is not kept for the next batch.</summary>
    private const int RetainedCapacity = 1 << 20;

    private readonly StringBuilder _text = new();

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        _text.Clear();
        using (var writer = new StringWriter(_text, CultureInfo.InvariantCulture))
        {
            foreach (var logEvent in batch)
            {
                formatter.Format(logEvent, writer);
            }
        }

        output.Write(_text);
        output.Flush();
        _text.Clear();
        if (_text.Capacity > RetainedCapacity)
        {
            _text.Capacity = RetainedCapacity;
        }

        return Task.CompletedTask;
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;
}
