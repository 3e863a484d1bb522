using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Gateway.Hosting;

/// <summary>
/// Writes log events to the console from a thread of its own. A request thread only queues its event. The writer takes everything
/// queued, formats it and hands it to the console in one write per <see cref="BatchLimit"/> events, so a busy gateway makes one system
/// call per batch instead of one per line and no request waits on the terminal or the pipe behind it. After a write the writer pauses
/// a millisecond so the next batch can gather; when it then finds the queue empty it sleeps until the next event, with no timer: an
/// idle gateway wakes no thread for its log, and the first line after a quiet spell goes out at once. Past
/// <see cref="DefaultQueueLimit"/> waiting events (a console that stopped reading) new events are dropped and the next line written
/// says how many. Disposing the sink (the host does at shutdown) writes what is still queued.
/// </summary>
internal sealed class BatchedConsoleSink : ILogEventSink, IDisposable
{
    /// <summary>
    /// Events per write. Formatting takes about a microsecond per line, so a batch holds a core for tens of microseconds at most, which
    /// a request's tail latency does not notice on a small machine; larger batches did show there.
    /// </summary>
    public const int BatchLimit = 64;

    /// <summary>Events waiting to be written beyond which new ones are dropped.</summary>
    public const int DefaultQueueLimit = 100_000;

    /// <summary>A batch's text beyond this size is not kept for the next batch.</summary>
    private const int RetainedCapacity = 64 * 1024;

    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan GatherPause = TimeSpan.FromMilliseconds(1);

    private readonly ITextFormatter _formatter;
    private readonly TextWriter _output;
    private readonly ConcurrentQueue<LogEvent> _queue = new();
    /// <summary>Set to wake the writer. No spinning before sleeping: on a small machine a spinning writer takes a core from requests.</summary>
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    private readonly StringBuilder _text = new();
    private readonly StringWriter _buffer;
    private readonly Thread _writer;
    private readonly int _queueLimit;
    private int _queued;
    private int _dropped;
    private int _sleeping;
    private volatile bool _stopping;

    public BatchedConsoleSink(ITextFormatter formatter, TextWriter output, int queueLimit = DefaultQueueLimit)
    {
        _queueLimit = queueLimit;
        _formatter = formatter;
        _output = output;
        _buffer = new StringWriter(_text, CultureInfo.InvariantCulture);
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "Console log writer" };
        _writer.Start();
    }

    /// <summary>How often the writer has woken from its sleep: once per burst of events, never on its own.</summary>
    internal int Wakeups { get; private set; }

    public void Emit(LogEvent logEvent)
    {
        if (Interlocked.Increment(ref _queued) > _queueLimit)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _queue.Enqueue(logEvent);
        if (Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wake.Set();
        }
    }

    /// <summary>Writes every event still queued, then stops the writer.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        if (Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wake.Set();
        }

        _writer.Join(ShutdownWait);
    }

    private void WriteLoop()
    {
        while (true)
        {
            var wrote = false;
            while (WriteBatch())
            {
                wrote = true;
            }

            if (_stopping)
            {
                return;
            }

            if (wrote)
            {
                // Let the next lines gather: under load that makes one wake-up and one write per pause instead of one per line.
                Thread.Sleep(GatherPause);
                continue;
            }

            // Announce the sleep before the last look at the queue: an event queued after that look finds the flag and wakes us.
            Interlocked.Exchange(ref _sleeping, 1);
            if (!_queue.IsEmpty || _stopping)
            {
                if (Interlocked.Exchange(ref _sleeping, 0) == 1)
                {
                    continue;
                }

                // An emitter took the flag first: its wake-up is on the way and is consumed below, so none is left over.
            }

            _wake.Wait();
            _wake.Reset();
            Wakeups++;
        }
    }

    /// <summary>Formats and writes up to <see cref="BatchLimit"/> queued events; false when there were none.</summary>
    private bool WriteBatch()
    {
        var count = 0;
        while (count < BatchLimit && _queue.TryDequeue(out var logEvent))
        {
            count++;
            try
            {
                _formatter.Format(logEvent, _buffer);
            }
            catch (Exception e)
            {
                // A formatter that throws must not end the writer (nor, on its thread, the process).
                _buffer.WriteLine($"(a log event could not be formatted: {e.Message})");
            }
        }

        if (count == 0)
        {
            return false;
        }

        Interlocked.Add(ref _queued, -count);
        if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
        {
            _buffer.WriteLine($"({dropped} log events were dropped: the console did not keep up with the gateway)");
        }

        try
        {
            _output.Write(_text);
            _output.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // The console is gone (a closed pipe, a disposed writer); there is nowhere left to report it, and the lines that follow
            // are still tried. On its own thread an unhandled exception would end the process.
        }

        _text.Clear();
        if (_text.Capacity > RetainedCapacity)
        {
            _text.Capacity = RetainedCapacity;
        }

        return true;
    }
}
