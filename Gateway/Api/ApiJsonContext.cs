using System.Text.Json.Serialization;
using Gateway.Health;

namespace Gateway.Api;

/// <summary>OpenAI's model object.</summary>
internal sealed record ModelObject(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("owned_by")] string OwnedBy);

/// <summary>OpenAI's list shape.</summary>
internal sealed record ModelList(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<ModelObject> Data);

/// <summary>Anthropic's model object; current SDKs require <c>lifecycle</c> (<c>active</c>, <c>deprecated</c> or <c>retired</c>).</summary>
internal sealed record AnthropicModelObject(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("lifecycle")] string Lifecycle = "active");

/// <summary>Anthropic's list page: <c>first_id</c> and <c>last_id</c> are null, not absent, on an empty page.</summary>
internal sealed record AnthropicModelPage(
    [property: JsonPropertyName("data")] IReadOnlyList<AnthropicModelObject> Data,
    [property: JsonPropertyName("has_more")] bool HasMore,
    [property: JsonPropertyName("first_id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FirstId,
    [property: JsonPropertyName("last_id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? LastId);

internal sealed record LivenessReport([property: JsonPropertyName("status")] string Status);

/// <summary>What <c>GET /health/ready</c> answers: <c>ready</c>, <c>starting</c> or <c>stopping</c>, and the config version in force.</summary>
internal sealed record ReadinessReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("config_version")] string ConfigVersion);

/// <summary>Source-generated serialization for the gateway's own small answers (no reflection on the request path).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelObject))]
[JsonSerializable(typeof(AnthropicModelPage))]
[JsonSerializable(typeof(AnthropicModelObject))]
[JsonSerializable(typeof(TokenCount))]
[JsonSerializable(typeof(LivenessReport))]
[JsonSerializable(typeof(ReadinessReport))]
[JsonSerializable(typeof(BackendHealthReport))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
