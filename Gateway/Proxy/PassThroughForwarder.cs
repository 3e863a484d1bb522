using System.Diagnostics;
using System.Net;
using Gateway.Api;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Hosting;
using Gateway.Routing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// <c>/proxy/&lt;backend&gt;/&lt;native path&gt;</c>: forwards a backend's native API call through YARP's forwarder to an endpoint of that
/// backend's pool, with the backend's credentials. Only configured backends and their native path prefixes are forwarded
/// (<see cref="NativeApi"/>); anything else is a 404, so the gateway is never an open proxy. Errors of its own are ProblemDetails.
/// </summary>
internal sealed partial class PassThroughForwarder : IDisposable
{
    /// <summary>How long an exchange may stay silent (model pulls and uploads are long but keep moving).</summary>
    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = TimeSpan.FromMinutes(10) };

    private readonly IHttpForwarder _forwarder;
    private readonly GatewayRuntime _runtime;
    private readonly TimeProvider _time;
    private readonly ILogger<PassThroughForwarder> _logger;
    private readonly HttpMessageInvoker _http;

    public PassThroughForwarder(IHttpForwarder forwarder, GatewayRuntime runtime, TimeProvider time, ILogger<PassThroughForwarder> logger)
        : this(forwarder, runtime, time, logger, new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        })
    {
    }

    internal PassThroughForwarder(IHttpForwarder forwarder, GatewayRuntime runtime, TimeProvider time, ILogger<PassThroughForwarder> logger, HttpMessageHandler handler)
    {
        _forwarder = forwarder;
        _runtime = runtime;
        _time = time;
        _logger = logger;
        _http = new HttpMessageInvoker(handler);
    }

    public async Task ForwardAsync(HttpContext context, string backendName, string? nativePath)
    {
        var llm = RequestSnapshot.Of(context).Config.Llm;
        BackendChain.TryCanonicalName(backendName, out var canonical);
        if (!llm.Backends.TryGetValue(canonical, out var backend))
        {
            await ProblemAsync(context, null, StatusCodes.Status404NotFound, "Unknown pass-through backend",
                $"'{Shorten(backendName)}' is not a configured backend, so there is nothing to pass through to. Configured backends: {string.Join(", ", llm.Backends.Keys)}.");
            return;
        }

        var path = nativePath ?? "";
        var api = NativeApi.For(backend.Kind);
        if (!api.Allows(path))
        {
            await ProblemAsync(context, backend, StatusCodes.Status404NotFound, "Path not passed through",
                $"'/{Shorten(path)}' is not a native path the gateway passes through to {backend.Name}; allowed: {api.Describe()} (e.g. /proxy/{backend.Name}/{api.Prefixes[0]}…).");
            return;
        }

        var target = PassThroughTarget.Select(backend, path, _runtime.Pools);
        if (target is null)
        {
            await ProblemAsync(context, backend, StatusCodes.Status503ServiceUnavailable, "No endpoint",
                $"Backend '{backend.Name}' has no endpoint configured to pass '/{Shorten(path)}' to.");
            return;
        }

        if (backend.RequiresApiKey && string.IsNullOrEmpty(target.ApiKey))
        {
            await ProblemAsync(context, backend, StatusCodes.Status401Unauthorized, "No API key",
                $"No API key provided for backend '{backend.Name}': {backend.ApiKeyHint}.");
            return;
        }

        await SendAsync(context, backend, target, path);
    }

    private async Task SendAsync(HttpContext context, BackendConfig backend, PassThroughTarget target, string path)
    {
        // The upstream's own status and body are the answer, whatever they are: no error page of the gateway's replaces them.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        // Native calls such as Ollama's blob uploads carry whole model files.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = null;
        }

        var method = context.Request.Method;
        var activity = PassThroughTelemetry.Start(backend, method, path, target.Root);
        var started = _time.GetTimestamp();
        var error = await _forwarder.SendAsync(context, target.Root, _http, RequestConfig, new PassThroughTransformer(backend, target, path));
        var elapsed = _time.GetElapsedTime(started);

        if (error == ForwarderError.None)
        {
            LogForwarded(method, path, backend.Name, target.Root, context.Response.StatusCode, elapsed.TotalMilliseconds);
            PassThroughTelemetry.End(activity, backend, method, context.Response.StatusCode, null, elapsed);
            return;
        }

        var reason = context.Features.Get<IForwarderErrorFeature>()?.Exception is { } exception ? UpstreamClient.Describe(exception) : error.ToString();
        if (error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled)
        {
            LogClientLeft(method, path, backend.Name);
        }
        else
        {
            LogFailed(method, path, backend.Name, target.Root, error.ToString(), reason);
        }

        if (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var timedOut = error is ForwarderError.RequestTimedOut;
            await ProblemAsync(context, backend, timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                timedOut ? "Upstream timed out" : "Upstream unreachable",
                $"Passing {method} /{Shorten(path)} through to {backend.Name} at {target.Root} failed: {reason}.", attempts: 1);
        }

        PassThroughTelemetry.End(activity, backend, method, context.Response.StatusCode, error.ToString(), elapsed);
    }

    /// <param name="attempts">0 when the gateway refused before calling anyone, 1 when the upstream call failed.</param>
    private static Task ProblemAsync(HttpContext context, BackendConfig? backend, int status, string title, string detail, int attempts = 0)
    {
        GatewayHeaders.Set(context.Response, backend?.Name, null, attempts);
        return Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
    }

    /// <summary>Caller-supplied text quoted in messages, cut short so a huge path cannot bloat the answer.</summary>
    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");

    public void Dispose() => _http.Dispose();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Passed {Method} /{Path} through to {Backend} {Endpoint}: HTTP {Status} in {ElapsedMs:0} ms")]
    private partial void LogForwarded(string method, string path, string backend, string endpoint, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pass-through {Method} /{Path} to {Backend} {Endpoint} failed ({Error}): {Reason}")]
    private partial void LogFailed(string method, string path, string backend, string endpoint, string error, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pass-through {Method} /{Path} to {Backend}: the client left before it completed")]
    private partial void LogClientLeft(string method, string path, string backend);
}
