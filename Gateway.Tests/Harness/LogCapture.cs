using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace Gateway.Tests.Harness;

/// <summary>
/// Every log event of a gateway under test, kept in memory. It is a Serilog sink registered as a service, so it sits behind the
/// gateway's redaction exactly like the console: what a test reads here is what an operator would see. Tests wait for a line instead
/// of sleeping.
/// </summary>
internal sealed class LogCapture : ILogEventSink
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<(LogEvent Event, string Text)> _logged = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<LogEvent> Events => [.. _logged.Select(entry => entry.Event)];

    /// <summary>Each event as <see cref="Text"/>: message, every property, exception.</summary>
    public IReadOnlyList<string> Lines => [.. _logged.Select(entry => entry.Text)];

    public string All => string.Join('\n', Lines);

    public void Emit(LogEvent logEvent)
    {
        _logged.Enqueue((logEvent, Text(logEvent)));
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Plugs this sink into a gateway being built and lets every level through to Serilog.</summary>
    public void AttachTo(WebApplicationBuilder builder)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<ILogEventSink>(this);
    }

    /// <summary>The first line (already logged or still to come) that <paramref name="match"/> accepts; fails after 10 s.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match)
    {
        var seen = 0;
        return await WaitAsync(() =>
        {
            // Only lines logged since the last look are matched, so a busy gateway costs each line one look.
            var logged = _logged.ToArray();
            var line = logged.Skip(seen).Select(entry => entry.Text).FirstOrDefault(match);
            seen = logged.Length;
            return line;
        }, "a matching line");
    }

    /// <summary>
    /// Waits for <paramref name="count"/> completion lines of <paramref name="path"/>. The line is written when the gateway has finished
    /// the request, which may be just after the client has read the whole answer; usage is recorded before it.
    /// </summary>
    public Task<IReadOnlyList<LogEvent>> CompletionLinesAsync(string path, int count = 1) =>
        WaitAsync(() => CompletionLines(path) is { } lines && lines.Count >= count ? lines : null, $"{count} completion lines for {path}");

    /// <summary>The completion lines of requests to <paramref name="path"/>.</summary>
    public IReadOnlyList<LogEvent> CompletionLines(string path) =>
        [.. Events.Where(e => e.Properties.TryGetValue("SourceContext", out var source) && source.ToString() == "\"Gateway.Requests\""
            && e.Properties.TryGetValue("Path", out var p) && p.ToString() == $"\"{path}\"")];

    /// <summary>Everything an event would show anywhere: the rendered message, each property, and the exception.</summary>
    public static string Text(LogEvent logEvent)
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

        return text.ToString();
    }

    /// <summary>A property's value as written, quotes removed.</summary>
    public static string Property(LogEvent logEvent, string name) => logEvent.Properties[name].ToString().Trim('"');

    /// <summary>Looks with <paramref name="look"/> now and after every new event until it finds something; fails after 10 s.</summary>
    private async Task<T> WaitAsync<T>(Func<T?> look, string what)
        where T : class
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (look() is { } found)
            {
                return found;
            }

            try
            {
                await changed.WaitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {what} within {Patience.TotalSeconds} s; logged:\n{All}");
            }
        }
    }
}
