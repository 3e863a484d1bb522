using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Upstreams;

/// <summary>
/// Default answers of the Anthropic API: <c>POST /v1/messages</c> and <c>GET /v1/models</c>, guarded by <c>x-api-key</c> and
/// <c>anthropic-version</c> the way the live API guards them. Every answer carries a <c>request-id</c> header.
/// </summary>
internal static class AnthropicDefaults
{
    private static readonly HashSet<string> KnownVersions = ["2023-06-01", "2023-01-01", AnthropicPayloads.SdkApiVersion];

    public static StubResponse Answer(RecordedRequest request, string? expectedApiKey, IReadOnlyCollection<string>? knownModels) =>
        Route(request, expectedApiKey, knownModels).WithHeaders(("request-id", AnthropicPayloads.RequestId));

    private static StubResponse Route(RecordedRequest request, string? expectedApiKey, IReadOnlyCollection<string>? knownModels)
    {
        var route = (request.Method, request.Path) switch
        {
            ("POST", "/v1/messages") => "messages",
            ("GET", "/v1/models") => "models",
            _ => null,
        };

        if (route is null)
        {
            return StubResponse.Json(StatusCodes.Status404NotFound, AnthropicPayloads.NotFoundError);
        }

        if (expectedApiKey is not null && request.Header("x-api-key") is var key && key != expectedApiKey)
        {
            return StubResponse.Json(StatusCodes.Status401Unauthorized, key is null ? AnthropicPayloads.MissingApiKeyError : AnthropicPayloads.InvalidApiKeyError);
        }

        var version = request.Header("anthropic-version");
        if (version is null)
        {
            return StubResponse.Json(StatusCodes.Status400BadRequest, AnthropicPayloads.MissingVersionError);
        }

        if (!KnownVersions.Contains(version))
        {
            return StubResponse.Json(StatusCodes.Status400BadRequest, AnthropicPayloads.InvalidVersionError(version));
        }

        return route == "models" ? StubResponse.Json(StatusCodes.Status200OK, AnthropicPayloads.ModelList) : Messages(request, knownModels);
    }

    private static StubResponse Messages(RecordedRequest request, IReadOnlyCollection<string>? knownModels)
    {
        if (!request.HasJsonBody)
        {
            return StubResponse.Json(StatusCodes.Status400BadRequest, AnthropicPayloads.InvalidJsonError);
        }

        var model = request.JsonString("model");
        if (model is null)
        {
            return StubResponse.Json(StatusCodes.Status400BadRequest, FieldRequired("model"));
        }

        if (request.JsonProperty("max_tokens") is not { ValueKind: JsonValueKind.Number })
        {
            return StubResponse.Json(StatusCodes.Status400BadRequest, AnthropicPayloads.MissingMaxTokensError);
        }

        if (knownModels is not null && !knownModels.Contains(model))
        {
            return StubResponse.Json(StatusCodes.Status404NotFound, AnthropicPayloads.ModelNotFoundError(model));
        }

        return request.JsonBool("stream") == true
            ? StubResponse.Sse(Fixture.WithField(AnthropicPayloads.TextStream, "model", AnthropicPayloads.StreamModel, model))
            : StubResponse.Json(StatusCodes.Status200OK, Fixture.WithField(AnthropicPayloads.Message, "model", AnthropicPayloads.MessageModel, model));
    }

    private static string FieldRequired(string field) =>
        $$"""{"type":"error","error":{"type":"invalid_request_error","message":"{{field}}: Field required"},"request_id":"{{AnthropicPayloads.RequestId}}"}""";
}
