using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace Gateway.Tests.Observability;

/// <summary>A Serilog sink that keeps every event, plugged into a test gateway as a service (the gateway reads sinks from its services).</summary>
internal sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent)
    {
        _events.Enqueue(logEvent);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>
    /// Waits for <paramref name="count"/> completion lines of <paramref name="path"/>. The line is written when the gateway has finished
    /// the request, which may be just after the client has read the whole answer; usage is recorded before it.
    /// </summary>
    public async Task<IReadOnlyList<LogEvent>> CompletionLinesAsync(string path, int count = 1)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            var lines = CompletionLines(path);
            if (lines.Count >= count)
            {
                return lines;
            }

            try
            {
                await changed.WaitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{lines.Count} of {count} completion lines for {path}; logged:\n{string.Join('\n', Events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)))}");
            }
        }
    }

    /// <summary>Plugs this sink into the gateway being built and lets every level through to Serilog.</summary>
    public void AttachTo(WebApplicationBuilder builder)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<ILogEventSink>(this);
    }

    /// <summary>Everything an event would show anywhere: the rendered line, each property, and the exception.</summary>
    public static string Text(LogEvent logEvent) =>
        string.Join('\n', [logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture), .. logEvent.Properties.Select(p => $"{p.Key}={p.Value}"), logEvent.Exception?.ToString() ?? ""]);

    /// <summary>The completion lines of requests to <paramref name="path"/>.</summary>
    public IReadOnlyList<LogEvent> CompletionLines(string path) =>
        [.. Events.Where(e => e.Properties.TryGetValue("SourceContext", out var source) && source.ToString() == "\"Gateway.Requests\""
            && e.Properties.TryGetValue("Path", out var p) && p.ToString() == $"\"{path}\"")];

    /// <summary>A property's value as written, quotes removed.</summary>
    public static string Property(LogEvent logEvent, string name) => logEvent.Properties[name].ToString().Trim('"');
}
