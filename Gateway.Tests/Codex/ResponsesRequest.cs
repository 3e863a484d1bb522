using System.Text.Json;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Codex;

/// <summary>A Responses API request as the OpenAI backend's stand-in received it: whether it is one, its tools, and a tool's result.</summary>
internal static class ResponsesRequest
{
    public static bool Is(RecordedRequest request) => request is { Method: "POST", Path: "/v1/responses", HasJsonBody: true };

    /// <summary>The <c>type</c> of every tool offered, in order (<c>function</c>, <c>namespace</c>, <c>web_search</c>, ...).</summary>
    public static IReadOnlyList<string> ToolTypes(RecordedRequest request) => [.. Tools(request).Select(tool => Text(tool, "type") ?? "(none)")];

    /// <summary>The names of the function tools offered.</summary>
    public static IReadOnlyList<string> FunctionNames(RecordedRequest request) =>
        [.. Tools(request).Where(tool => Text(tool, "type") == "function").Select(tool => Text(tool, "name")).OfType<string>()];

    /// <summary>The <c>input</c> items, or none when <c>input</c> is not a list.</summary>
    public static IReadOnlyList<JsonElement> Items(RecordedRequest request) =>
        request.JsonProperty("input") is { ValueKind: JsonValueKind.Array } input ? [.. input.EnumerateArray()] : [];

    /// <summary>The output of the <c>function_call_output</c> item for <paramref name="callId"/>, or null when there is none.</summary>
    public static string? ToolResult(RecordedRequest request, string callId) =>
        Items(request).Where(item => Text(item, "type") == "function_call_output" && Text(item, "call_id") == callId)
            .Select(item => Text(item, "output")).FirstOrDefault();

    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static JsonElement[] Tools(RecordedRequest request) =>
        request.JsonProperty("tools") is { ValueKind: JsonValueKind.Array } tools ? [.. tools.EnumerateArray()] : [];
}
