using System.Net.Http.Headers;
using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Backends.Anthropic;

/// <summary>
/// The Messages API spoken to a client that speaks it too: the client's body goes upstream as it was sent, with only <c>model</c>
/// replaced, and its <c>anthropic-version</c> and <c>anthropic-beta</c> headers; the answer, each stream event (pings included) and
/// error bodies come back unchanged. The gateway reads them only for what it accounts: usage, the model, the stop reason.
/// </summary>
internal sealed class AnthropicNativeProtocol(TimeProvider time) : IChatProtocol
{
    public IReadOnlyList<BackendKind> Kinds { get; } = [BackendKind.Anthropic];

    public HttpRequestMessage CreateChatRequest(ChatRequest request, Candidate candidate)
    {
        var native = request.Native ?? throw new InvalidOperationException("A native Messages request needs the client's body.");
        var body = new ByteArrayContent(native.BodyFor(candidate.Model));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var message = new HttpRequestMessage(HttpMethod.Post, AnthropicProtocol.Url(candidate.Endpoint, "messages")) { Content = body };
        if (candidate.ApiKey is not null)
        {
            message.Headers.TryAddWithoutValidation("x-api-key", candidate.ApiKey);
        }

        var version = false;
        foreach (var (name, value) in native.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
            version |= name.Equals("anthropic-version", StringComparison.OrdinalIgnoreCase);
        }

        if (!version)
        {
            message.Headers.TryAddWithoutValidation("anthropic-version", AnthropicProtocol.ApiVersion);
        }

        return message;
    }

    public Task<Outcome<ChatCompletion>> ReadChatCompletionAsync(
        HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken)
    {
        request.Native?.Answered(response);
        return AnthropicNativeAnswer.ReadAsync(response, cancellationToken);
    }

    public IAsyncEnumerable<ChatChunk> ReadChatStreamAsync(
        HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken)
    {
        request.Native?.Answered(response);
        return AnthropicNativeStream.ReadAsync(response, cancellationToken);
    }

    public Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        AnthropicErrorReader.ReadAsync(response, time, cancellationToken, keepBody: true);

    public HttpRequestMessage CreateReadinessProbe(BackendConfig backend, string endpoint, string? apiKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, AnthropicProtocol.Url(endpoint, "models"));
        AnthropicProtocol.Authenticate(message, apiKey);
        return message;
    }
}
