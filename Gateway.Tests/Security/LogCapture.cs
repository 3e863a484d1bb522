using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace Gateway.Tests.Security;

/// <summary>
/// A log sink registered with the gateway under test: keeps every event as text (message, every property, exception) and lets a test
/// wait for a line instead of sleeping.
/// </summary>
internal sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public string All => string.Join('\n', _lines);

    public void Emit(LogEvent logEvent)
    {
        var text = new StringBuilder(logEvent.RenderMessage(CultureInfo.InvariantCulture));
        foreach (var (name, value) in logEvent.Properties)
        {
            text.Append(" | ").Append(name).Append('=').Append(value.ToString());
        }

        if (logEvent.Exception is { } exception)
        {
            text.Append('\n').Append(exception);
        }

        var line = text.ToString();
        _lines.Enqueue(line);
        lock (_gate)
        {
            foreach (var (match, found) in _waiters)
            {
                if (match(line))
                {
                    found.TrySetResult(line);
                }
            }
        }
    }

    /// <summary>The first line (already logged or still to come) that <paramref name="match"/> accepts; fails after 10 s.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((match, found));
        }

        foreach (var line in _lines)
        {
            if (match(line))
            {
                found.TrySetResult(line);
            }
        }

        return await found.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
