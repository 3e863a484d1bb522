using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// The Responses API spoken to a client that speaks it too: the client's body goes to <c>{endpoint}/responses</c> as it was sent
/// (only <c>model</c> replaced; a <c>previous_response_id</c> the gateway answered is already expanded into <c>input</c>), and the
/// answer and every stream event come back unchanged. Built-in tools, every item type and reasoning <c>encrypted_content</c> pass
/// through; the gateway reads only what it accounts: usage, the model, the status.
/// </summary>
internal sealed class OpenAiResponsesProtocol(TimeProvider time) : IChatProtocol
{
    public IReadOnlyList<BackendKind> Kinds { get; } = [BackendKind.OpenAI];

    public HttpRequestMessage CreateChatRequest(ChatRequest request, Candidate candidate)
    {
        var native = request.Native ?? throw new InvalidOperationException("A native Responses request needs the client's body.");
        var message = UpstreamRequest.Post(
            $"{UpstreamRequest.Base(candidate.Endpoint)}/responses",
            native.BodyFor(candidate.Model),
            request.Stream ? UpstreamRequest.EventStream : UpstreamRequest.Json);
        OpenAiCompatibleProtocol.Authenticate(message, candidate.Backend, candidate.ApiKey);
        return message;
    }

    public Task<Outcome<ChatCompletion>> ReadChatCompletionAsync(
        HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken)
    {
        request.Native?.Answered(response);
        return OpenAiResponsesAnswer.ReadAsync(response, cancellationToken);
    }

    public IAsyncEnumerable<ChatChunk> ReadChatStreamAsync(
        HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken)
    {
        request.Native?.Answered(response);
        return OpenAiResponsesStream.ReadAsync(response, cancellationToken);
    }

    public Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        UpstreamErrorBody.ReadFailureAsync(response, time, details: null, cancellationToken, keepBody: true);

    public HttpRequestMessage CreateReadinessProbe(BackendConfig backend, string endpoint, string? apiKey)
    {
        var message = UpstreamRequest.Get($"{UpstreamRequest.Base(endpoint)}/models");
        OpenAiCompatibleProtocol.Authenticate(message, backend, apiKey);
        return message;
    }
}
