using System.Text.Json.Serialization;

namespace Gateway.Api.OpenApi;

/// <summary>One event of a streamed answer (<c>data: {...}</c>): OpenAI's <c>chat.completion.chunk</c>.</summary>
internal sealed record ChatCompletionChunkSchema(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChunkChoiceSchema> Choices,
    [property: JsonPropertyName("usage")] TokenUsageSchema? Usage);

internal sealed record ChatChunkChoiceSchema(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("delta")] ChatDeltaSchema Delta,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

internal sealed record ChatDeltaSchema(
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("tool_calls")] IReadOnlyList<ToolCallSchema>? ToolCalls);
