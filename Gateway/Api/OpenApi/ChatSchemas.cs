using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Api.OpenApi;

// The shapes below describe OpenAI's chat protocol for the API document only; requests are parsed as raw JSON so that fields the
// gateway does not model still reach the upstream.

/// <summary>An OpenAI chat-completions request. Fields not listed here are passed to OpenAI-compatible upstreams as sent.</summary>
internal sealed record ChatCompletionRequestSchema(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("messages")] IReadOnlyList<ChatMessageSchema> Messages,
    [property: JsonPropertyName("stream")] bool? Stream,
    [property: JsonPropertyName("stream_options")] StreamOptionsSchema? StreamOptions,
    [property: JsonPropertyName("temperature")] double? Temperature,
    [property: JsonPropertyName("max_tokens")] int? MaxTokens,
    [property: JsonPropertyName("max_completion_tokens")] int? MaxCompletionTokens,
    [property: JsonPropertyName("tools")] IReadOnlyList<JsonElement>? Tools,
    [property: JsonPropertyName("tool_choice")] JsonElement? ToolChoice,
    [property: JsonPropertyName("response_format")] JsonElement? ResponseFormat);

/// <summary>One message: <c>content</c> is a string or an array of content parts.</summary>
internal sealed record ChatMessageSchema(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] JsonElement? Content,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("tool_calls")] IReadOnlyList<ToolCallSchema>? ToolCalls,
    [property: JsonPropertyName("tool_call_id")] string? ToolCallId);

internal sealed record StreamOptionsSchema([property: JsonPropertyName("include_usage")] bool IncludeUsage);

internal sealed record ToolCallSchema(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("function")] FunctionCallSchema Function);

internal sealed record FunctionCallSchema(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("arguments")] string Arguments);

/// <summary>A whole (non-streamed) answer.</summary>
internal sealed record ChatCompletionSchema(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChoiceSchema> Choices,
    [property: JsonPropertyName("usage")] TokenUsageSchema? Usage);

internal sealed record ChatChoiceSchema(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("message")] ChatMessageSchema Message,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

internal sealed record TokenUsageSchema(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int CompletionTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);
