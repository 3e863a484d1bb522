using System.Text.Json.Serialization;

namespace Gateway.Api.OpenApi;

/// <summary>OpenAI's error shape, answered by every <c>/v1</c> endpoint (SDKs raise it as a typed exception).</summary>
internal sealed record OpenAiErrorSchema([property: JsonPropertyName("error")] OpenAiErrorDetailSchema Error);

internal sealed record OpenAiErrorDetailSchema(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param")] string? Param,
    [property: JsonPropertyName("code")] string? Code);
