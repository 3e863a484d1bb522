using System.Buffers;
using System.Text.Json;

namespace LeanUpstream;

/// <summary>
/// An OpenAI-compatible upstream on loopback that does as little as possible: Kestrel, one terminal handler, pre-serialized answers.
/// <c>POST .../chat/completions</c> answers JSON, or SSE paced at <see cref="UpstreamOptions.ChunkInterval"/> when the body says
/// <c>"stream": true</c>; <c>GET .../models</c> lists one model; anything else is 404.
/// </summary>
internal sealed class UpstreamServer(UpstreamOptions options, TimeProvider time)
{
    private readonly Answers _answers = new(options.Chunks);

    public static WebApplication Build(UpstreamOptions options)
    {
        // No appsettings.json watcher: it would wake a thread here for every line the gateway logs into a file below this directory.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var app = builder.Build();
        var server = new UpstreamServer(options, TimeProvider.System);
        app.Run(server.HandleAsync);
        return app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        if (HttpMethods.IsPost(request.Method) && path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            var stream = await ReadStreamFlagAsync(request, context.RequestAborted);
            await WaitAsync(options.Latency, context.RequestAborted);
            await (stream ? StreamAsync(context) : WriteAsync(context.Response, _answers.Completion, context.RequestAborted));
            return;
        }

        if (HttpMethods.IsGet(request.Method) && path.EndsWith("/models", StringComparison.Ordinal))
        {
            await WriteAsync(context.Response, _answers.Models, context.RequestAborted);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private static async Task WriteAsync(HttpResponse response, byte[] json, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, cancellationToken);
    }

    /// <summary>
    /// Sends each event as its own flush with a pause of at least <see cref="UpstreamOptions.ChunkInterval"/> after the previous one.
    /// (A fixed schedule would send two events back to back after an oversleeping timer, which is the bunching the benchmark looks for.)
    /// </summary>
    private async Task StreamAsync(HttpContext context)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var body = response.BodyWriter;
        var events = _answers.Events;
        for (var i = 0; i < events.Length; i++)
        {
            if (i > 0)
            {
                await PauseAsync(options.ChunkInterval);
            }

            body.Write(events[i]);
            await body.FlushAsync(aborted);
        }

        body.Write(Answers.Done);
        await body.FlushAsync(aborted);
    }

    /// <summary>
    /// A pause precise to a fraction of a millisecond. <c>Task.Delay</c> is not: its timers run on the coarse monotonic clock, which
    /// ticks every 4 ms on this kind of kernel and stretched a 5 ms pace to about 8 ms. A sleeping thread of its own per pause costs
    /// tens of microseconds, nothing against the pause.
    /// </summary>
    private static Task PauseAsync(TimeSpan pause) =>
        Task.Factory.StartNew(static p => Thread.Sleep((TimeSpan)p!), pause, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, time, cancellationToken) : Task.CompletedTask;

    /// <summary>Reads the whole body and tells whether its top-level <c>stream</c> is <c>true</c>.</summary>
    private static async Task<bool> ReadStreamFlagAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted)
            {
                var stream = IsStreaming(read.Buffer);
                reader.AdvanceTo(read.Buffer.End);
                return stream;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static bool IsStreaming(ReadOnlySequence<byte> body)
    {
        var json = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = true });
        try
        {
            while (json.Read())
            {
                if (json.TokenType == JsonTokenType.PropertyName && json.CurrentDepth == 1 && json.ValueTextEquals("stream"u8))
                {
                    json.Read();
                    return json.TokenType == JsonTokenType.True;
                }

                if (json.CurrentDepth >= 1 && json.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    json.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: answer as if not streaming; the benchmark only sends valid bodies.
        }

        return false;
    }
}
