using System.Text.Json;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Codex;

/// <summary>
/// The shell call a request replays from history, read in the protocol that carried it, and the call id its result answers: a
/// <c>function_call</c> item and a <c>function_call_output</c> (Responses), an assistant <c>tool_use</c> block and a user
/// <c>tool_result</c> (Anthropic), an assistant <c>tool_calls</c> entry and a <c>tool</c> message (the chat protocols; Ollama's calls
/// carry no id and its results name the tool instead).
/// </summary>
internal sealed record ReplayedCall(string? Id, string? Name, string? Command, string? ResultFor)
{
    public static ReplayedCall? In(UpstreamKind kind, RecordedRequest request) => kind switch
    {
        UpstreamKind.OpenAI => FromItems(ResponsesRequest.Items(request)),
        UpstreamKind.Anthropic => FromBlocks(Messages(request)),
        _ => FromToolCalls(kind, Messages(request)),
    };

    private static ReplayedCall? FromItems(IReadOnlyList<JsonElement> items)
    {
        var call = items.LastOrDefault(item => Text(item, "type") == "function_call");
        var result = items.LastOrDefault(item => Text(item, "type") == "function_call_output");
        return call.ValueKind == JsonValueKind.Undefined
            ? null
            : new ReplayedCall(Text(call, "call_id"), Text(call, "name"), CommandOf(call, "arguments"), Text(result, "call_id"));
    }

    private static ReplayedCall? FromBlocks(JsonElement[] messages)
    {
        var blocks = messages.Where(message => message.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Array)
            .SelectMany(message => message.GetProperty("content").EnumerateArray()).ToArray();
        var use = blocks.LastOrDefault(block => Text(block, "type") == "tool_use");
        var result = blocks.LastOrDefault(block => Text(block, "type") == "tool_result");
        return use.ValueKind == JsonValueKind.Undefined
            ? null
            : new ReplayedCall(Text(use, "id"), Text(use, "name"), CommandOf(use, "input"), Text(result, "tool_use_id"));
    }

    private static ReplayedCall? FromToolCalls(UpstreamKind kind, JsonElement[] messages)
    {
        var calls = messages.Where(message => message.TryGetProperty("tool_calls", out var t) && t.ValueKind == JsonValueKind.Array)
            .SelectMany(message => message.GetProperty("tool_calls").EnumerateArray()).ToArray();
        if (calls.Length == 0)
        {
            return null;
        }

        var call = calls[^1];
        var function = call.TryGetProperty("function", out var f) ? f : default;
        var result = messages.LastOrDefault(message => Text(message, "role") == "tool");
        var resultFor = kind == UpstreamKind.Ollama ? Text(result, "tool_name") : Text(result, "tool_call_id");
        return new ReplayedCall(Text(call, "id"), Text(function, "name"), CommandOf(function, "arguments"), resultFor);
    }

    /// <summary>The <c>cmd</c> of the call's arguments, whether they came as a JSON string (OpenAI shapes) or an object (Anthropic, Ollama).</summary>
    private static string? CommandOf(JsonElement holder, string property)
    {
        if (holder.ValueKind != JsonValueKind.Object || !holder.TryGetProperty(property, out var arguments))
        {
            return null;
        }

        if (arguments.ValueKind == JsonValueKind.String)
        {
            using var parsed = JsonDocument.Parse(arguments.GetString()!);
            return Text(parsed.RootElement, "cmd");
        }

        return Text(arguments, "cmd");
    }

    private static JsonElement[] Messages(RecordedRequest request) =>
        request.JsonProperty("messages") is { ValueKind: JsonValueKind.Array } messages ? [.. messages.EnumerateArray()] : [];

    private static string? Text(JsonElement element, string property) => ResponsesRequest.Text(element, property);
}
