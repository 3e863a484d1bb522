using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Backends.Ollama;

/// <summary>
/// Ollama's native API (<c>/api/chat</c>, <c>/api/embed</c>, <c>/api/tags</c>), translated to and from OpenAI's shapes. The native API
/// rather than Ollama's <c>/v1</c> layer, so that <c>num_ctx</c> can be set: without it long prompts are cut silently.
/// </summary>
internal sealed class OllamaProtocol : IChatProtocol, IEmbeddingsProtocol
{
    private readonly TimeProvider _time;

    public OllamaProtocol(TimeProvider time) => _time = time;

    public IReadOnlyList<BackendKind> Kinds { get; } = [BackendKind.Ollama];

    public HttpRequestMessage CreateChatRequest(ChatRequest request, Candidate candidate)
    {
        var body = OllamaChatBody.Write(request, candidate);
        var message = UpstreamRequest.Post($"{UpstreamRequest.Base(candidate.Endpoint)}/api/chat", body, request.Stream ? UpstreamRequest.Ndjson : UpstreamRequest.Json);
        UpstreamRequest.AddBearer(message, candidate.ApiKey);
        return message;
    }

    public async Task<Outcome<ChatCompletion>> ReadChatCompletionAsync(HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken)
    {
        var body = await UpstreamAnswer.ReadAsync(response, cancellationToken);
        if (body.Failure is { } tooLarge)
        {
            return tooLarge;
        }

        const string Expected = "an Ollama chat answer";
        if (!OllamaChatLineParser.TryParse(body.Value, readHeader: true, out var answer, out var error))
        {
            return error is null
                ? UpstreamAnswer.WrongShape(response, $"JSON that is not {Expected}")
                : UpstreamAnswer.NotJson(response, body.Value, Expected, error);
        }

        if (answer.Error is { } message)
        {
            return new UpstreamFailure { Kind = FailureKind.Status, Message = message };
        }

        var toolCalls = answer.ToolCalls ?? [];
        var model = answer.Model ?? candidate.Model;
        var finishReason = answer.FinishReason(toolCalls.Count > 0);
        Usage? usage = answer.PromptEvalCount is null && answer.EvalCount is null ? null : answer.Usage;
        return Outcome<ChatCompletion>.Ok(OpenAiAnswerFields.Add(
            OpenAiCompletionWriter.Completion(OpenAiIds.NewCompletionId(), answer.CreatedSeconds(_time), model, answer.Content, toolCalls, finishReason, usage),
            answer.Thinking));
    }

    public IAsyncEnumerable<ChatChunk> ReadChatStreamAsync(HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken) =>
        OllamaChatStream.ReadAsync(response, request, candidate, _time, cancellationToken);

    /// <summary>Ollama errors are <c>{"error": "text"}</c>, e.g. <c>model 'llama9' not found</c> with 404 (told with its <c>ollama pull</c>).</summary>
    public async Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        OllamaModelMissing.WithPullHint(await UpstreamErrorBody.ReadFailureAsync(response, _time, details: null, cancellationToken));

    public HttpRequestMessage CreateEmbeddingsRequest(EmbeddingsRequest request, Candidate candidate)
    {
        var body = OllamaEmbeddings.WriteRequest(request, candidate);
        var message = UpstreamRequest.Post($"{UpstreamRequest.Base(candidate.Endpoint)}/api/embed", body, UpstreamRequest.Json);
        UpstreamRequest.AddBearer(message, candidate.ApiKey);
        return message;
    }

    public Task<Outcome<EmbeddingsResult>> ReadEmbeddingsAsync(HttpResponseMessage response, EmbeddingsRequest request, Candidate candidate, CancellationToken cancellationToken) =>
        OllamaEmbeddings.ReadAsync(response, request, candidate, cancellationToken);

    public HttpRequestMessage CreateReadinessProbe(BackendConfig backend, string endpoint, string? apiKey)
    {
        var message = UpstreamRequest.Get($"{UpstreamRequest.Base(endpoint)}/api/tags");
        UpstreamRequest.AddBearer(message, apiKey);
        return message;
    }
}
