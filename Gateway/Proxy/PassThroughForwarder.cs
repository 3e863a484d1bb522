using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Runtime;
using Gateway.Surfaces;
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
    private readonly EndpointHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger<PassThroughForwarder> _logger;
    private readonly HttpMessageInvoker _http;

    /// <remarks>
    /// YARP sends with a plain <see cref="HttpMessageInvoker"/> (an <see cref="HttpClient"/> would buffer answers), over the handler of the
    /// <see cref="PassThroughExtensions.ClientName"/> client.
    /// </remarks>
    public PassThroughForwarder(
        IHttpForwarder forwarder, GatewayRuntime runtime, EndpointHealth health, TimeProvider time, ILogger<PassThroughForwarder> logger, IHttpMessageHandlerFactory handlers)
    {
        _forwarder = forwarder;
        _runtime = runtime;
        _health = health;
        _time = time;
        _logger = logger;
        _http = new HttpMessageInvoker(handlers.CreateHandler(PassThroughExtensions.ClientName), disposeHandler: false);
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

        var admission = _health.Admit(target.Endpoint);
        if (!admission.IsAllowed)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(admission.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ProblemAsync(context, backend, StatusCodes.Status503ServiceUnavailable, "Endpoint cooling down",
                $"Every endpoint of {backend.Name} is {admission.Reason}.");
            return;
        }

        var failure = await SendAsync(context, backend, target, path);
        Report(target.Endpoint, failure, llm.Resilience, context.RequestAborted.IsCancellationRequested);
    }

    /// <summary>Feeds the endpoint's health as chat's attempts do: an answer closes its breaker, failures count toward its cooldown.</summary>
    private void Report(EndpointId endpoint, UpstreamFailure? failure, CooldownSettings cooldown, bool clientLeft)
    {
        if (failure is not null)
        {
            _health.Failed(endpoint, failure, cooldown);
        }
        else if (clientLeft)
        {
            _health.Abandoned(endpoint);
        }
        else
        {
            _health.Succeeded(endpoint);
        }
    }

    /// <summary>Forwards the call; returns how the endpoint failed (unreachable, timed out, an overloaded or failing status), else null.</summary>
    private async Task<UpstreamFailure?> SendAsync(HttpContext context, BackendConfig backend, PassThroughTarget target, string path)
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
            var status = context.Response.StatusCode;
            LogForwarded(method, path, backend.Name, target.Root, status, elapsed.TotalMilliseconds);
            PassThroughTelemetry.End(activity, backend, method, status, null, elapsed);
            var answered = new UpstreamFailure { Kind = FailureKind.Status, StatusCode = status, Message = $"HTTP {status}", RetryAfter = RetryAfter.From(context.Response, _time) };
            return FailureClass.CountsAgainstEndpoint(answered) ? answered : null;
        }

        var reason = context.Features.Get<IForwarderErrorFeature>()?.Exception is { } exception ? UpstreamClient.Describe(exception) : error.ToString();
        var clientLeft = error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled;
        if (clientLeft)
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
        // Only the endpoint's own failures count against it; a client that stops sending or reading does not.
        return error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.RequestBodyDestination or ForwarderError.ResponseBodyDestination
            ? new UpstreamFailure { Kind = error is ForwarderError.RequestTimedOut ? FailureKind.Timeout : FailureKind.Connect, Message = reason }
            : null;
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
