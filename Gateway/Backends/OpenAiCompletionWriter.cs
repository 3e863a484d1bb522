using System.Buffers;
using System.Text.Json;

namespace Gateway.Backends;

/// <summary>A tool call in OpenAI's terms: <paramref name="Arguments"/> is a JSON-encoded string.</summary>
internal sealed record ToolCall(string Id, string Name, string Arguments);

/// <summary>Composes an OpenAI <c>chat.completion</c> body for protocols that are not OpenAI's.</summary>
internal static class OpenAiCompletionWriter
{
    /// <summary>The answer a translating adapter hands back: <see cref="Write"/>'s body, and the generated text it holds counted.</summary>
    public static ChatCompletion Completion(
        string id, long created, string model, string? content, IReadOnlyList<ToolCall> toolCalls, string finishReason, Usage? usage) =>
        new(Write(id, created, model, content, toolCalls, finishReason, usage), model, usage, finishReason, GeneratedCharacters(content, toolCalls));

    /// <summary>The characters of generated text in one choice: its content and every tool call's arguments.</summary>
    public static int GeneratedCharacters(string? content, IReadOnlyList<ToolCall> toolCalls)
    {
        var characters = content?.Length ?? 0;
        foreach (var call in toolCalls)
        {
            characters += call.Arguments.Length;
        }

        return characters;
    }

    /// <summary>
    /// Writes one choice: <c>content</c> is null when empty and tool calls are present (as OpenAI does), <c>tool_calls</c> only when any.
    /// </summary>
    public static byte[] Write(string id, long created, string model, string? content, IReadOnlyList<ToolCall> toolCalls, string finishReason, Usage? usage)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + (content?.Length ?? 0));
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteString("id", id);
            json.WriteString("object", "chat.completion");
            json.WriteNumber("created", created);
            json.WriteString("model", model);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            if (string.IsNullOrEmpty(content) && toolCalls.Count > 0)
            {
                json.WriteNull("content");
            }
            else
            {
                json.WriteString("content", content ?? string.Empty);
            }

            json.WriteNull("refusal");
            if (toolCalls.Count > 0)
            {
                json.WriteStartArray("tool_calls");
                foreach (var call in toolCalls)
                {
                    json.WriteStartObject();
                    json.WriteString("id", call.Id);
                    json.WriteString("type", "function");
                    json.WriteStartObject("function");
                    json.WriteString("name", call.Name);
                    json.WriteString("arguments", call.Arguments);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteNull("logprobs");
            json.WriteString("finish_reason", finishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            if (usage is { } u)
            {
                OpenAiChunkWriter.WriteUsage(json, u);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
