using System.Text;
using System.Text.Json;

namespace Gateway.Surfaces;

/// <summary>One fragment of a streamed tool call; only the first of a call carries its id and name.</summary>
internal readonly record struct ToolCallFragment(int Index, string? Id, string? Name, string? Arguments);

/// <summary>What one <c>chat.completion.chunk</c> says, for the first choice: each part is null or empty when the chunk has none.</summary>
internal sealed record ChunkParts(
    string? Id, string? Model, string? Reasoning, string? Content, IReadOnlyList<ToolCallFragment> ToolCalls, string? FinishReason, ReportedUsage? Usage)
{
    /// <summary>The stop sequence the choice says ended the answer (vLLM's <c>stop_reason</c>, the Anthropic adapter's), if any.</summary>
    public string? MatchedStop { get; init; }
}

/// <summary>Reads the Chat Completions shapes the adapters produce: answers' messages and stream chunks.</summary>
internal static class ChatChunkReader
{
    /// <summary>The parts of <paramref name="data"/>, or null when it is not a chunk's JSON object.</summary>
    public static ChunkParts? Read(ReadOnlyMemory<byte> data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var (id, model) = (String(root, "id"), String(root, "model"));
            var usage = root.TryGetProperty("usage", out var u) ? ReportedUsage.Read(u) : null;
            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0
                || choices[0] is not { ValueKind: JsonValueKind.Object } choice)
            {
                return new ChunkParts(id, model, null, null, [], null, usage);
            }

            var delta = choice.TryGetProperty("delta", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            var parts = delta.ValueKind == JsonValueKind.Object
                ? new ChunkParts(id, model, Reasoning(delta), Text(delta), ToolCalls(delta), String(choice, "finish_reason"), usage)
                : new ChunkParts(id, model, null, null, [], String(choice, "finish_reason"), usage);
            return parts with { MatchedStop = String(choice, "stop_reason") }; // a token id there (a number) is no stop sequence
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>reasoning_content</c> (DeepSeek, vLLM, LM Studio, the gateway's adapters), else <c>reasoning</c> (OpenRouter, Ollama).</summary>
    public static string? Reasoning(JsonElement message) => String(message, "reasoning_content") ?? String(message, "reasoning");

    /// <summary><c>content</c> as a string, or the text parts of a content array joined.</summary>
    public static string? Text(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return null;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && String(part, "text") is { } piece)
            {
                text.Append(piece);
            }
        }

        return text.ToString();
    }

    public static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<ToolCallFragment> ToolCalls(JsonElement delta)
    {
        if (!delta.TryGetProperty("tool_calls", out var calls) || calls.ValueKind != JsonValueKind.Array || calls.GetArrayLength() == 0)
        {
            return [];
        }

        var fragments = new List<ToolCallFragment>(calls.GetArrayLength());
        var position = 0;
        foreach (var call in calls.EnumerateArray())
        {
            if (call.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            // A server that numbers no calls (index is required by the spec, some omit it) sends them in order.
            var index = call.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out var n) ? n : position;
            var function = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
            var isFunction = function.ValueKind == JsonValueKind.Object;
            fragments.Add(new ToolCallFragment(
                index,
                String(call, "id"),
                isFunction ? String(function, "name") : null,
                isFunction ? Arguments(function) : null));
            position++;
        }

        return fragments;
    }

    private static string? Arguments(JsonElement function) =>
        function.TryGetProperty("arguments", out var arguments) ? arguments.ValueKind switch
        {
            JsonValueKind.String => arguments.GetString(),
            JsonValueKind.Object => arguments.GetRawText(), // servers that send the object itself
            _ => null,
        } : null;
}
