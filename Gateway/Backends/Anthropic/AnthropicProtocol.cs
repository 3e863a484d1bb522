using System.Net.Http.Headers;
using Gateway.Configuration;
using Gateway.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Backends.Anthropic;

/// <summary>
/// The Anthropic Messages API (<c>POST /v1/messages</c>, <c>x-api-key</c> + <c>anthropic-version</c>), translated to and from OpenAI's
/// chat completions. A <c>stop_reason</c> this adapter does not know is answered as <c>finish_reason: "stop"</c> and logged as a warning
/// (<see cref="AnthropicLog.UnknownStopReason"/>), so operators learn of new values without clients seeing anything but OpenAI's set.
/// </summary>
internal sealed class AnthropicProtocol : IChatProtocol
{
    /// <summary>The only Messages API version there is; Anthropic's own SDKs hard-code it too.</summary>
    public const string ApiVersion = "2023-06-01";

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AnthropicNativeProtocol _native;

    public AnthropicProtocol(TimeProvider time, ILogger<AnthropicProtocol>? logger = null)
    {
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _native = new AnthropicNativeProtocol(time);
    }

    public IReadOnlyList<BackendKind> Kinds { get; } = [BackendKind.Anthropic];

    /// <summary>A request that came as a Messages API call is forwarded as the client sent it.</summary>
    public IChatProtocol? NativeChat(string protocol, BackendKind kind) => protocol == NativeRequest.AnthropicMessages ? _native : null;

    /// <exception cref="UnsupportedRequestException">The request uses something the Messages API cannot express.</exception>
    public HttpRequestMessage CreateChatRequest(ChatRequest request, Candidate candidate)
    {
        var body = new ByteArrayContent(AnthropicRequestWriter.Write(request, candidate.Model));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var message = new HttpRequestMessage(HttpMethod.Post, Url(candidate.Endpoint, "messages")) { Content = body };
        Authenticate(message, candidate.ApiKey);
        return message;
    }

    public Task<Outcome<ChatCompletion>> ReadChatCompletionAsync(
        HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken) =>
        AnthropicResponseReader.ReadAsync(response, candidate.Model, _time, _logger, cancellationToken);

    public IAsyncEnumerable<ChatChunk> ReadChatStreamAsync(
        HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken) =>
        AnthropicStreamReader.ReadAsync(response, request, candidate.Model, _time, _logger, cancellationToken);

    public Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        AnthropicErrorReader.ReadAsync(response, _time, cancellationToken);

    /// <summary><c>GET /v1/models</c>: checks the endpoint and the key without spending tokens.</summary>
    public HttpRequestMessage CreateReadinessProbe(BackendConfig backend, string endpoint, string? apiKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, Url(endpoint, "models"));
        Authenticate(message, apiKey);
        return message;
    }

    /// <summary>
    /// <c>{endpoint}/v1/{path}</c>. An endpoint configured with the <c>/v1</c> already on it (as OpenAI's base URLs are written)
    /// gets no second one.
    /// </summary>
    internal static Uri Url(string endpoint, string path)
    {
        var root = endpoint.TrimEnd('/');
        return new Uri(root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? $"{root}/{path}" : $"{root}/v1/{path}");
    }

    internal static void Authenticate(HttpRequestMessage message, string? apiKey)
    {
        if (apiKey is not null)
        {
            message.Headers.TryAddWithoutValidation("x-api-key", apiKey);
        }

        message.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
    }
}
