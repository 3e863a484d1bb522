using System.Runtime.CompilerServices;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Backends.Azure;

/// <summary>
/// Azure OpenAI's dated data-plane API: OpenAI's bodies and SSE, but the deployment and <c>api-version</c> in the URL, <c>api-key</c>
/// instead of a bearer token, no <c>model</c> in the body, and content-filter annotations inside the stream.
/// </summary>
internal sealed class AzureOpenAiProtocol : IChatProtocol, IEmbeddingsProtocol
{
    /// <summary>The latest GA version of the dated API, used when the config names none.</summary>
    public const string DefaultApiVersion = "2024-10-21";

    private readonly TimeProvider _time;

    public AzureOpenAiProtocol(TimeProvider time) => _time = time;

    public IReadOnlyList<BackendKind> Kinds { get; } = [BackendKind.Azure];

    public HttpRequestMessage CreateChatRequest(ChatRequest request, Candidate candidate)
    {
        var body = OpenAiRequestBody.Chat(request, candidate.Model, OpenAiBodyRules.Azure(SupportsStreamUsage(candidate.Backend.ApiVersion)));
        var message = UpstreamRequest.Post(DeploymentUrl(candidate, "chat/completions"), body, request.Stream ? UpstreamRequest.EventStream : UpstreamRequest.Json);
        Authenticate(message, candidate.ApiKey);
        return message;
    }

    public Task<Outcome<ChatCompletion>> ReadChatCompletionAsync(HttpResponseMessage response, ChatRequest request, Candidate candidate, CancellationToken cancellationToken) =>
        OpenAiAnswers.ReadCompletionAsync(response, cancellationToken);

    public async IAsyncEnumerable<ChatChunk> ReadChatStreamAsync(
        HttpResponseMessage response, ChatRequest request, Candidate candidate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var annotations = new AzureAnnotations(candidate.Model, _time);
        await foreach (var streamEvent in OpenAiEventStream.ReadAsync(response, cancellationToken))
        {
            if (streamEvent.Failure is { } failure)
            {
                yield return ChatChunk.Fail(failure);
                yield break;
            }

            if (!request.IncludeUsage && streamEvent.Info.IsUsageOnly)
            {
                yield return OpenAiEventStream.ToChunk(streamEvent, clientWantsUsage: false);
            }
            else if (annotations.Clean(streamEvent) is { } chunk)
            {
                yield return chunk;
            }
        }
    }

    public Task<UpstreamFailure> ReadFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        UpstreamErrorBody.ReadFailureAsync(response, _time, AzureContentFilter.Describe, cancellationToken);

    public HttpRequestMessage CreateEmbeddingsRequest(EmbeddingsRequest request, Candidate candidate)
    {
        var body = OpenAiRequestBody.Embeddings(request, candidate.Model, includeModel: false);
        var message = UpstreamRequest.Post(DeploymentUrl(candidate, "embeddings"), body, UpstreamRequest.Json);
        Authenticate(message, candidate.ApiKey);
        return message;
    }

    public Task<Outcome<EmbeddingsResult>> ReadEmbeddingsAsync(HttpResponseMessage response, EmbeddingsRequest request, Candidate candidate, CancellationToken cancellationToken) =>
        OpenAiAnswers.ReadEmbeddingsAsync(response, request, cancellationToken);

    public HttpRequestMessage CreateReadinessProbe(BackendConfig backend, string endpoint, string? apiKey)
    {
        var message = UpstreamRequest.Get($"{UpstreamRequest.Base(endpoint)}/openai/models?api-version={ApiVersion(backend)}");
        Authenticate(message, apiKey);
        return message;
    }

    /// <summary><c>{endpoint}/openai/deployments/{deployment}/{operation}?api-version={version}</c>.</summary>
    private static string DeploymentUrl(Candidate candidate, string operation)
    {
        var deployment = Uri.EscapeDataString(candidate.Deployment ?? candidate.Model);
        return $"{UpstreamRequest.Base(candidate.Endpoint)}/openai/deployments/{deployment}/{operation}?api-version={ApiVersion(candidate.Backend)}";
    }

    /// <summary>
    /// Whether <paramref name="apiVersion"/> knows <c>stream_options</c> (added in 2024-09-01-preview; older versions reject the field).
    /// Versions that are not dated (<c>v1</c>, <c>preview</c>, <c>latest</c>) are current.
    /// </summary>
    internal static bool SupportsStreamUsage(string? apiVersion)
    {
        var version = apiVersion ?? DefaultApiVersion;
        return version.Length < 10
            || !DateOnly.TryParseExact(version.AsSpan(0, 10), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            || date >= new DateOnly(2024, 9, 1);
    }

    private static string ApiVersion(BackendConfig backend) => Uri.EscapeDataString(backend.ApiVersion ?? DefaultApiVersion);

    private static void Authenticate(HttpRequestMessage message, string? apiKey)
    {
        if (!string.IsNullOrEmpty(apiKey))
        {
            message.Headers.TryAddWithoutValidation("api-key", apiKey);
        }
    }
}
