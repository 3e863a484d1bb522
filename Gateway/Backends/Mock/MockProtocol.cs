using System.Runtime.CompilerServices;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Backends.Mock;

/// <summary>
/// The mock backend's protocol: OpenAI's Chat Completions and Embeddings, sent to the section's pretend endpoint and marked so the
/// in-process <see cref="MockHandler"/> answers them. The dispatcher treats it like any upstream: timeouts, fallback and telemetry apply.
/// </summary>
internal sealed class MockProtocol(TimeProvider time) : IChatProtocol, IEmbeddingsProtocol
{
    /// <summary>The mock reads OpenAI's body as sent and reports usage only when the client asked for it.</summary>
    private static readonly OpenAiBodyRules BodyRules = new(IncludeModel: true, OpenAiRequestBody.MaxTokens, RenameClientLimit: false, StreamUsage: false);

    public IReadOnlyList<BackendKind> Kinds { get; } = [BackendKind.Mock];

    public HttpRequestMessage CreateChatRequest(ChatRequest request, Candidate candidate)
    {
        var body = OpenAiRequestBody.Chat(request, candidate.Model, BodyRules);
        var accept = request.Stream ? UpstreamRequest.EventStream : UpstreamRequest.Json;
        return MockRequest.Tag(UpstreamRequest.Post($"{UpstreamRequest.Base(candidate.Endpoint)}/chat/completions", body, accept), candidate.Backend);
    }

    public Task<Outcome<ChatCompletion>> ReadChatCompletionAsync(HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken) =>
        OpenAiAnswers.ReadCompletionAsync(response, cancellationToken);

    public async IAsyncEnumerable<ChatChunk> ReadChatStreamAsync(
        HttpResponseMessage response, ChatRequest request, Candidate candidate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var streamEvent in OpenAiEventStream.ReadAsync(response, cancellationToken))
        {
            yield return streamEvent.Failure is { } failure
                ? ChatChunk.Fail(failure)
                : OpenAiEventStream.ToChunk(streamEvent, clientWantsUsage: true);
        }
    }

    public Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        UpstreamErrorBody.ReadFailureAsync(response, time, details: null, cancellationToken);

    public HttpRequestMessage CreateEmbeddingsRequest(EmbeddingsRequest request, Candidate candidate)
    {
        var body = OpenAiRequestBody.Embeddings(request, candidate.Model, includeModel: true);
        return MockRequest.Tag(UpstreamRequest.Post($"{UpstreamRequest.Base(candidate.Endpoint)}/embeddings", body, UpstreamRequest.Json), candidate.Backend);
    }

    public Task<Outcome<EmbeddingsResult>> ReadEmbeddingsAsync(HttpResponseMessage response, EmbeddingsRequest request, Candidate candidate, CancellationToken cancellationToken) =>
        OpenAiAnswers.ReadEmbeddingsAsync(response, request, cancellationToken);

    public HttpRequestMessage CreateReadinessProbe(BackendConfig backend, string endpoint, string? apiKey) =>
        MockRequest.Tag(UpstreamRequest.Get($"{UpstreamRequest.Base(endpoint)}/models"), backend);
}
