using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Upstreams;

/// <summary>
/// One scripted answer for a <see cref="StubUpstream"/>. Immutable: the same instance may be enqueued any number of times.
/// </summary>
internal sealed class StubResponse
{
    private readonly Func<StubExchange, Task> _write;

    private StubResponse(string description, Func<StubExchange, Task> write)
    {
        Description = description;
        _write = write;
    }

    /// <summary>What the response does, for test failure messages.</summary>
    public string Description { get; }

    /// <summary>A complete JSON answer (<c>application/json</c> unless a <c>content-type</c> header is given).</summary>
    public static StubResponse Json(int status, string body, params (string Name, string Value)[] headers) =>
        new($"{status} JSON", async exchange =>
        {
            exchange.Http.Response.ContentType = "application/json";
            await WriteWholeAsync(exchange, status, body, headers);
        });

    /// <summary>A complete non-JSON answer, such as the HTML error page a proxy in front of the service returns.</summary>
    public static StubResponse Text(int status, string contentType, string body) =>
        new($"{status} {contentType}", async exchange =>
        {
            exchange.Http.Response.ContentType = contentType;
            await WriteWholeAsync(exchange, status, body, []);
        });

    /// <summary>
    /// A <c>200 text/event-stream</c> answer. Each raw event is written and flushed on its own, exactly as given (include the
    /// framing, e.g. via <see cref="RawSse"/>). <paramref name="delayBetween"/> pauses between events; <paramref name="cutAfter"/>
    /// drops the connection after the last event instead of ending the response cleanly.
    /// </summary>
    public static StubResponse Sse(IEnumerable<string> rawEvents, TimeSpan? delayBetween = null, bool cutAfter = false) =>
        Streamed("text/event-stream; charset=utf-8", [.. rawEvents], delayBetween, cutAfter);

    /// <summary>
    /// A <c>200 application/x-ndjson</c> answer. Each line gets a trailing <c>\n</c> and is written and flushed on its own.
    /// </summary>
    public static StubResponse Ndjson(IEnumerable<string> lines, TimeSpan? delayBetween = null, bool cutAfter = false) =>
        Streamed("application/x-ndjson", [.. lines.Select(line => line + "\n")], delayBetween, cutAfter);

    /// <summary>Accepts the request and never answers, until the client goes away or the stub stops.</summary>
    public static StubResponse Hang() =>
        new("hang", async exchange => await Task.Delay(Timeout.InfiniteTimeSpan, exchange.Cancellation));

    /// <summary>Closes the connection without sending a status line (an orderly close: the client sees the response end prematurely).</summary>
    public static StubResponse Refuse() =>
        new("close without response", exchange =>
        {
            exchange.Abort(reset: false);
            return Task.CompletedTask;
        });

    /// <summary>Resets the connection without sending a status line (abortive close: the client sees a TCP reset).</summary>
    public static StubResponse Reset() =>
        new("reset", exchange =>
        {
            exchange.Abort(reset: true);
            return Task.CompletedTask;
        });

    /// <summary>Waits, sending nothing, then answers with <paramref name="then"/>.</summary>
    public static StubResponse Delay(TimeSpan delay, StubResponse then) =>
        new($"after {delay}: {then.Description}", async exchange =>
        {
            await Task.Delay(delay, exchange.Cancellation);
            await then.WriteAsync(exchange);
        });

    /// <summary>Anything else, written by hand.</summary>
    public static StubResponse Custom(Func<HttpContext, Task> write) =>
        new("custom", exchange => write(exchange.Http));

    /// <summary>The same answer with extra response headers (e.g. <c>retry-after</c> on a text error page).</summary>
    public StubResponse WithHeaders(params (string Name, string Value)[] headers) =>
        new(Description, exchange =>
        {
            foreach (var (name, value) in headers)
            {
                exchange.Http.Response.Headers[name] = value;
            }

            return _write(exchange);
        });

    public override string ToString() => Description;

    internal Task WriteAsync(StubExchange exchange) => _write(exchange);

    private static StubResponse Streamed(string contentType, string[] chunks, TimeSpan? delayBetween, bool cutAfter) =>
        new($"{contentType} x{chunks.Length}{(cutAfter ? " then cut" : "")}", async exchange =>
        {
            exchange.Http.Response.StatusCode = StatusCodes.Status200OK;
            exchange.Http.Response.ContentType = contentType;
            await exchange.StartAsync();
            for (var i = 0; i < chunks.Length; i++)
            {
                if (i > 0 && delayBetween is { } delay && delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, exchange.Cancellation);
                }

                await exchange.WriteAndFlushAsync(chunks[i]);
            }

            if (cutAfter)
            {
                exchange.CutAfterFlush();
            }
        });

    private static async Task WriteWholeAsync(StubExchange exchange, int status, string body, (string Name, string Value)[] headers)
    {
        var response = exchange.Http.Response;
        response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, exchange.Cancellation);
    }
}
