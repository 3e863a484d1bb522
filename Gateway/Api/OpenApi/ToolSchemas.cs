using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Api.OpenApi;

/// <summary>The API document's picture of <c>POST /tools/{name}/invoke</c>'s body (read by <c>ToolInvocation</c>).</summary>
internal sealed record ToolInvokeRequestSchema(
    [property: JsonPropertyName("input")] string? Input,
    [property: JsonPropertyName("variables")] IReadOnlyDictionary<string, string>? Variables,
    [property: JsonPropertyName("messages")] JsonElement? Messages,
    [property: JsonPropertyName("stream")] bool? Stream,
    [property: JsonPropertyName("temperature")] double? Temperature,
    [property: JsonPropertyName("max_tokens")] int? MaxTokens);

/// <summary>The API document's picture of a tool's whole answer (written by <c>ToolResult</c>).</summary>
internal sealed record ToolInvokeResultSchema(
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("backend")] string Backend,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("usage")] JsonElement? Usage,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

/// <summary>The API document's picture of <c>POST /select-model</c>'s body (read by <c>SelectionRequest</c>).</summary>
internal sealed record SelectModelRequestSchema(
    [property: JsonPropertyName("task_description")] string? TaskDescription,
    [property: JsonPropertyName("query")] string? Query,
    [property: JsonPropertyName("constraints")] SelectModelConstraintsSchema? Constraints,
    [property: JsonPropertyName("backend_preference")] string? BackendPreference,
    [property: JsonPropertyName("model_preference")] string? ModelPreference,
    [property: JsonPropertyName("top_k")] int? TopK);

internal sealed record SelectModelConstraintsSchema(
    [property: JsonPropertyName("max_cost")] string? MaxCost,
    [property: JsonPropertyName("min_speed")] string? MinSpeed,
    [property: JsonPropertyName("min_context")] int? MinContext,
    [property: JsonPropertyName("backends")] IReadOnlyList<string>? Backends);
