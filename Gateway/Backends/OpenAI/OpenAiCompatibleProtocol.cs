using System.Runtime.CompilerServices;
using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// OpenAI's Chat Completions protocol, spoken by OpenAI itself and LM Studio: the client's request goes upstream nearly as sent and
/// the answer comes back as the upstream wrote it.
/// </summary>
internal sealed class OpenAiCompatibleProtocol : IChatProtocol, IEmbeddingsProtocol
{
    private readonly TimeProvider _time;
    private readonly OpenAiResponsesProtocol _responses;

    public OpenAiCompatibleProtocol(TimeProvider time)
    {
        _time = time;
        _responses = new OpenAiResponsesProtocol(time);
    }

    public IReadOnlyList<BackendKind> Kinds { get; } = [BackendKind.OpenAI, BackendKind.LMStudio];

    /// <summary>A Responses API call goes to OpenAI as the client sent it; LM Studio receives it translated to Chat Completions.</summary>
    public IChatProtocol? NativeChat(string protocol, BackendKind kind) =>
        protocol == NativeRequest.OpenAiResponses && kind == BackendKind.OpenAI ? _responses : null;

    public HttpRequestMessage CreateChatRequest(ChatRequest request, Candidate candidate)
    {
        // OpenAI deprecated max_tokens in favour of max_completion_tokens; LM Studio documents only max_tokens.
        var rules = candidate.Backend.Kind == BackendKind.LMStudio ? OpenAiBodyRules.LMStudio : OpenAiBodyRules.OpenAI;
        var body = OpenAiRequestBody.Chat(request, candidate.Model, rules);
        var message = UpstreamRequest.Post(
            $"{UpstreamRequest.Base(candidate.Endpoint)}/chat/completions", body, request.Stream ? UpstreamRequest.EventStream : UpstreamRequest.Json);
        Authenticate(message, candidate.Backend, candidate.ApiKey);
        return message;
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
                : OpenAiEventStream.ToChunk(streamEvent, request.IncludeUsage);
        }
    }

    public Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        UpstreamErrorBody.ReadFailureAsync(response, _time, details: null, cancellationToken);

    public HttpRequestMessage CreateEmbeddingsRequest(EmbeddingsRequest request, Candidate candidate)
    {
        var body = OpenAiRequestBody.Embeddings(request, candidate.Model, includeModel: true);
        var message = UpstreamRequest.Post($"{UpstreamRequest.Base(candidate.Endpoint)}/embeddings", body, UpstreamRequest.Json);
        Authenticate(message, candidate.Backend, candidate.ApiKey);
        return message;
    }

    public Task<Outcome<EmbeddingsResult>> ReadEmbeddingsAsync(HttpResponseMessage response, EmbeddingsRequest request, Candidate candidate, CancellationToken cancellationToken) =>
        OpenAiAnswers.ReadEmbeddingsAsync(response, request, cancellationToken);

    public HttpRequestMessage CreateReadinessProbe(BackendConfig backend, string endpoint, string? apiKey)
    {
        var message = UpstreamRequest.Get($"{UpstreamRequest.Base(endpoint)}/models");
        Authenticate(message, backend, apiKey);
        return message;
    }

    internal static void Authenticate(HttpRequestMessage message, BackendConfig backend, string? apiKey)
    {
        UpstreamRequest.AddBearer(message, apiKey);
        if (!string.IsNullOrEmpty(backend.Organization))
        {
            message.Headers.TryAddWithoutValidation("OpenAI-Organization", backend.Organization);
        }
    }
}
