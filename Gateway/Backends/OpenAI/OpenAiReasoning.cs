using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// Reasoning in OpenAI's shapes as the servers that return it write it (DeepSeek, vLLM, LM Studio): <c>reasoning_content</c> in an
/// answer's message and in stream deltas. For the translating adapters, whose upstreams say it otherwise (Ollama's <c>thinking</c>,
/// Anthropic's thinking blocks); surfaces read it back from there.
/// </summary>
internal static class OpenAiReasoning
{
    /// <summary>A chunk of <paramref name="writer"/>'s stream whose delta is <c>{"reasoning_content": text}</c>.</summary>
    public static byte[] Chunk(OpenAiChunkWriter writer, string text)
    {
        var buffer = new ArrayBufferWriter<byte>(160 + text.Length);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteString("id", writer.Id);
            json.WriteString("object", "chat.completion.chunk");
            json.WriteNumber("created", writer.Created);
            json.WriteString("model", writer.Model);
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("delta");
            json.WriteString("reasoning_content", text);
            json.WriteEndObject();
            json.WriteNull("logprobs");
            json.WriteNull("finish_reason");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <paramref name="completion"/> with <paramref name="reasoning"/> as its message's <c>reasoning_content</c>, counted as generated
    /// text; unchanged when there is none.
    /// </summary>
    public static ChatCompletion Add(ChatCompletion completion, string? reasoning)
    {
        if (string.IsNullOrEmpty(reasoning) || JsonNode.Parse(completion.Json.Span) is not JsonObject root
            || root["choices"] is not JsonArray { Count: > 0 } choices || choices[0]?["message"] is not JsonObject message)
        {
            return completion;
        }

        message["reasoning_content"] = reasoning;
        var buffer = new ArrayBufferWriter<byte>(completion.Json.Length + reasoning.Length + 32);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            root.WriteTo(json);
        }

        return completion with { Json = buffer.WrittenMemory, GeneratedCharacters = completion.GeneratedCharacters + reasoning.Length };
    }
}
