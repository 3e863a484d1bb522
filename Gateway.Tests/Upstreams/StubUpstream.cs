using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Tests.Upstreams;

/// <summary>
/// A real HTTP server on <c>127.0.0.1</c> (port chosen by the OS) that stands in for one LLM service. It answers each request
/// with the next scripted <see cref="StubResponse"/>, or, when none is queued, with what the real service would send for that
/// route, and records every request so tests can assert on what the gateway sent.
/// </summary>
internal sealed partial class StubUpstream : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StubResponse> _script = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _stopped;

    private StubUpstream(UpstreamKind kind, WebApplication app)
    {
        Kind = kind;
        _app = app;
    }

    public UpstreamKind Kind { get; }

    /// <summary>
    /// <c>http://127.0.0.1:port</c>, no trailing slash. Configure the gateway with <c>Url + "/v1"</c> for OpenAI and LM Studio,
    /// and with <c>Url</c> for Ollama, Anthropic and Azure.
    /// </summary>
    public string Url { get; private set; } = "";

    /// <summary>
    /// When set, default answers require this key the way the service does (Bearer for OpenAI / LM Studio / Ollama cloud,
    /// <c>api-key</c> for Azure, <c>x-api-key</c> for Anthropic) and answer with the service's own 401 otherwise.
    /// </summary>
    public string? ExpectedApiKey { get; set; }

    /// <summary>
    /// When set, default chat and embedding answers reject any other model (Azure: deployment) with the service's own
    /// "not found" error. Null accepts every model.
    /// </summary>
    public IReadOnlyCollection<string>? KnownModels { get; set; }

    /// <summary>Starts a stub speaking <paramref name="kind"/> on a free loopback port.</summary>
    public static async Task<StubUpstream> StartAsync(UpstreamKind kind)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownGrace);
        var app = builder.Build();

        var stub = new StubUpstream(kind, app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        stub.Url = address.TrimEnd('/');
        return stub;
    }

    /// <summary>
    /// When set, answers each request no response was enqueued for, by what it holds (e.g. a tool call first, final text once the
    /// tool's result comes back); returning null leaves the request to the default answer.
    /// </summary>
    public Func<RecordedRequest, StubResponse?>? Responder { get; set; }

    /// <summary>The next request gets <paramref name="response"/> (first in, first out) instead of the default answer.</summary>
    public void Enqueue(StubResponse response) => _script.Enqueue(response);

    /// <summary>Scripted responses not yet used.</summary>
    public int PendingResponses => _script.Count;

    /// <summary>
    /// Stops listening: requests in flight are dropped and new connections are refused, as when the service is down.
    /// Recorded requests stay readable.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    public override string ToString() => $"{Kind} stub at {Url}";

    private async Task HandleAsync(HttpContext http)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        var exchange = new StubExchange(http, cancellation.Token);
        RecordedRequest? request = null;
        var dropped = false;
        try
        {
            request = await RecordAsync(http.Request, cancellation.Token);
            var response = _script.TryDequeue(out var scripted) ? scripted : Responder?.Invoke(request) ?? DefaultAnswer(request);
            await response.WriteAsync(exchange);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client went away, or the stub is stopping and drops what it was still answering. Stopping closes the connections
            // too, so by now the request may read as aborted: the stub's stop came first, and it is no client's doing.
            dropped = _stopping.IsCancellationRequested;
            if (dropped && !http.RequestAborted.IsCancellationRequested)
            {
                exchange.Abort(reset: false);
            }
        }
        finally
        {
            request?.Complete(clientAborted: http.RequestAborted.IsCancellationRequested && !exchange.AbortedByStub && !dropped);
        }
    }

    private StubResponse DefaultAnswer(RecordedRequest request) => Kind switch
    {
        UpstreamKind.OpenAI => OpenAiCompatibleDefaults.Answer(request, OpenAiDialect.OpenAI, ExpectedApiKey, KnownModels),
        UpstreamKind.LMStudio => OpenAiCompatibleDefaults.Answer(request, OpenAiDialect.LMStudio, ExpectedApiKey, KnownModels),
        UpstreamKind.Azure => AzureDefaults.Answer(request, ExpectedApiKey, KnownModels),
        UpstreamKind.Anthropic => AnthropicDefaults.Answer(request, ExpectedApiKey, KnownModels),
        UpstreamKind.Ollama => OllamaDefaults.Answer(request, ExpectedApiKey, KnownModels),
        _ => throw new InvalidOperationException($"No default answers for upstream kind {Kind}."),
    };
}
