using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Api.OpenApi;

/// <summary>An OpenAI embeddings request: <c>input</c> is a string or an array of strings (or token arrays).</summary>
internal sealed record EmbeddingsRequestSchema(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("input")] JsonElement Input,
    [property: JsonPropertyName("encoding_format")] string? EncodingFormat,
    [property: JsonPropertyName("dimensions")] int? Dimensions);

/// <summary>OpenAI's embeddings list; each <c>embedding</c> is a number array, or a base64 string for <c>encoding_format: base64</c>.</summary>
internal sealed record EmbeddingsResponseSchema(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<EmbeddingSchema> Data,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("usage")] EmbeddingsUsageSchema? Usage);

internal sealed record EmbeddingSchema(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] JsonElement Embedding);

internal sealed record EmbeddingsUsageSchema(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);
