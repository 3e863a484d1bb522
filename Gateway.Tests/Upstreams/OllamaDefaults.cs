using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Upstreams;

/// <summary>
/// Default answers of Ollama's native API: <c>POST /api/chat</c> (NDJSON unless <c>"stream": false</c>), <c>POST /api/embed</c>,
/// <c>GET /api/tags</c> and the <c>GET /</c> banner. Unknown routes get the router's plain-text 404, as the real server sends.
/// </summary>
internal static class OllamaDefaults
{
    /// <summary>400 for a body that is not JSON [constructed in the §4.5 error shape].</summary>
    private const string InvalidJsonError = """{"error":"invalid JSON in request body"}""";

    public static StubResponse Answer(RecordedRequest request, string? expectedApiKey, IReadOnlyCollection<string>? knownModels)
    {
        if (expectedApiKey is not null && OpenAiCompatibleDefaults.BearerToken(request) != expectedApiKey)
        {
            return StubResponse.Json(StatusCodes.Status401Unauthorized, OllamaPayloads.UnauthorizedError);
        }

        return (request.Method, request.Path) switch
        {
            ("GET" or "HEAD", "/") => StubResponse.Text(StatusCodes.Status200OK, "text/plain; charset=utf-8", OllamaPayloads.RootBanner),
            ("POST", "/api/chat") => Chat(request, knownModels),
            ("POST", "/api/embed") => Embed(request, knownModels),
            ("GET", "/api/tags") => StubResponse.Json(StatusCodes.Status200OK, OllamaPayloads.Tags),
            _ => StubResponse.Text(StatusCodes.Status404NotFound, "text/plain", OllamaPayloads.NotFoundPage),
        };
    }

    private static StubResponse Chat(RecordedRequest request, IReadOnlyCollection<string>? knownModels)
    {
        if (Reject(request, knownModels) is { } rejection)
        {
            return rejection;
        }

        var model = request.JsonString("model");
        return request.JsonBool("stream") ?? true
            ? StubResponse.Ndjson(Fixture.WithField(OllamaPayloads.ChatStream, "model", OllamaPayloads.ChatModel, model))
            : StubResponse.Json(StatusCodes.Status200OK, Fixture.WithField(OllamaPayloads.Chat, "model", OllamaPayloads.ChatModel, model));
    }

    private static StubResponse Embed(RecordedRequest request, IReadOnlyCollection<string>? knownModels)
    {
        if (Reject(request, knownModels) is { } rejection)
        {
            return rejection;
        }

        var body = EmbeddingBodies.Ollama(
            request.JsonString("model") ?? OllamaPayloads.EmbedModel,
            EmbeddingBodies.CountInputs(request.JsonProperty("input")),
            OllamaPayloads.EmbeddingVector);
        return StubResponse.Json(StatusCodes.Status200OK, body);
    }

    private static StubResponse? Reject(RecordedRequest request, IReadOnlyCollection<string>? knownModels)
    {
        if (string.IsNullOrWhiteSpace(request.Body))
        {
            return StubResponse.Json(StatusCodes.Status400BadRequest, OllamaPayloads.MissingBodyError);
        }

        if (!request.HasJsonBody)
        {
            return StubResponse.Json(StatusCodes.Status400BadRequest, InvalidJsonError);
        }

        var model = request.JsonString("model");
        if (string.IsNullOrEmpty(model))
        {
            return StubResponse.Json(StatusCodes.Status400BadRequest, OllamaPayloads.MissingModelError);
        }

        return knownModels is not null && !knownModels.Any(known => SameModel(known, model)) ? OllamaPayloads.ModelNotFound(model) : null;
    }

    /// <summary>Ollama names default their tag to <c>latest</c>: <c>llama3.2</c> and <c>llama3.2:latest</c> are the same model.</summary>
    private static bool SameModel(string a, string b) => string.Equals(WithTag(a), WithTag(b), StringComparison.Ordinal);

    private static string WithTag(string name) => name.Contains(':', StringComparison.Ordinal) ? name : name + ":latest";
}
