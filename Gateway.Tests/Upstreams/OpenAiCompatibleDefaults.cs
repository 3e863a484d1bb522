using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Upstreams;

/// <summary>
/// Default answers of an OpenAI-protocol service (api.openai.com or LM Studio, per <see cref="OpenAiDialect"/>):
/// <c>POST /v1/chat/completions</c>, <c>POST /v1/embeddings</c>, <c>GET /v1/models</c>.
/// </summary>
internal static class OpenAiCompatibleDefaults
{
    public static StubResponse Answer(RecordedRequest request, OpenAiDialect dialect, string? expectedApiKey, IReadOnlyCollection<string>? knownModels)
    {
        var answer = Route(request, dialect, expectedApiKey, knownModels);
        return dialect.RequestIdHeader is { } header ? answer.WithHeaders((header, $"req_stub{request.Number:D6}")) : answer;
    }

    private static StubResponse Route(RecordedRequest request, OpenAiDialect dialect, string? expectedApiKey, IReadOnlyCollection<string>? knownModels)
    {
        if (expectedApiKey is not null && BearerToken(request) is var token && token != expectedApiKey)
        {
            return StubResponse.Json(StatusCodes.Status401Unauthorized, token is null ? dialect.MissingKeyError : dialect.InvalidKeyError);
        }

        return (request.Method, request.Path) switch
        {
            ("POST", "/v1/chat/completions") => Chat(request, dialect, knownModels),
            ("POST", "/v1/embeddings") => Embeddings(request, dialect, knownModels),
            ("GET", "/v1/models") => StubResponse.Json(StatusCodes.Status200OK, dialect.ModelList),
            _ => dialect.UnknownRoute(request),
        };
    }

    private static StubResponse Chat(RecordedRequest request, OpenAiDialect dialect, IReadOnlyCollection<string>? knownModels)
    {
        if (Reject(request, dialect, knownModels) is { } rejection)
        {
            return rejection;
        }

        var model = request.JsonString("model");
        if (request.JsonBool("stream") == true)
        {
            var events = IncludeUsage(request) ? dialect.TextStream : dialect.TextStreamWithoutUsage;
            return StubResponse.Sse(EchoModel(events, dialect, dialect.StreamModel, model));
        }

        return StubResponse.Json(StatusCodes.Status200OK, EchoModel([dialect.ChatCompletion], dialect, dialect.ChatCompletionModel, model).Single());
    }

    private static StubResponse Embeddings(RecordedRequest request, OpenAiDialect dialect, IReadOnlyCollection<string>? knownModels)
    {
        if (Reject(request, dialect, knownModels) is { } rejection)
        {
            return rejection;
        }

        var body = EmbeddingBodies.OpenAiList(
            request.JsonString("model") ?? dialect.EmbeddingModel,
            EmbeddingBodies.CountInputs(request.JsonProperty("input")),
            dialect.EmbeddingVector,
            base64: request.JsonString("encoding_format") == "base64",
            dialect.EmbeddingTokens,
            dialect.EmbeddingTokens);
        return StubResponse.Json(StatusCodes.Status200OK, body);
    }

    private static StubResponse? Reject(RecordedRequest request, OpenAiDialect dialect, IReadOnlyCollection<string>? knownModels)
    {
        if (!request.HasJsonBody)
        {
            return StubResponse.Json(StatusCodes.Status400BadRequest, dialect.InvalidJsonError);
        }

        var model = request.JsonString("model");
        if (model is null)
        {
            return dialect.ModelRequired ? StubResponse.Json(StatusCodes.Status400BadRequest, OpenAiPayloads.MissingModelError) : null;
        }

        return knownModels is not null && !knownModels.Contains(model) ? dialect.ModelNotFound(model, knownModels) : null;
    }

    private static bool IncludeUsage(RecordedRequest request) =>
        request.JsonProperty("stream_options") is { ValueKind: JsonValueKind.Object } options
        && options.TryGetProperty("include_usage", out var includeUsage)
        && includeUsage.ValueKind == JsonValueKind.True;

    private static IEnumerable<string> EchoModel(IEnumerable<string> payloads, OpenAiDialect dialect, string fixtureModel, string? model)
    {
        var echoed = Fixture.WithField(payloads, "model", fixtureModel, model);
        return dialect.FingerprintIsModel ? Fixture.WithField(echoed, "system_fingerprint", fixtureModel, model) : echoed;
    }

    /// <summary>The token of an <c>Authorization: Bearer …</c> header, or null when there is none.</summary>
    internal static string? BearerToken(RecordedRequest request) =>
        request.Header("Authorization") is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? value["Bearer ".Length..].Trim()
            : null;
}
