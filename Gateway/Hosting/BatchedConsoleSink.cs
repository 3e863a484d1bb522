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
/// request waits on the terminal or the pipe behind it. Lines go out within a few milliseconds (<see cref="Options"/>); disposing
/// the logger (the host does at shutdown) writes what is still queued.
/// </summary>
internal sealed class BatchedConsoleSink(ITextFormatter formatter, TextWriter output) : IBatchedLogEventSink
{
    /// <summary>
    /// Small batches, often: up to 16 events at most 5 ms late. Formatting a large batch holds a core for milliseconds, which on a
    /// small machine shows as a request's tail latency; 16 lines take tens of microseconds and still make one write instead of 16.
    /// Past 100,000 queued events logging waits instead of dropping.
    /// </summary>
    public static BatchingOptions Options => new()
    {
        BatchSizeLimit = 16,
        BufferingTimeLimit = TimeSpan.FromMilliseconds(5),
        EagerlyEmitFirstEvent = true,
        QueueLimit = 100_000,
    };

    /// <summary>A batch's text beyond this size is not kept for the next batch.</summary>
    private const int RetainedCapacity = 64 * 1024;

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
