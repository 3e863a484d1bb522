using System.Buffers;
using System.Text.Json;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// Reasoning in OpenAI's shapes as the servers that return it write it (DeepSeek, vLLM, LM Studio): <c>reasoning_content</c> in an
/// answer's message and in stream deltas. For the translating adapters, whose upstreams say it otherwise (Ollama's <c>thinking</c>,
/// Anthropic's thinking blocks); surfaces read it back from there. Whole answers get it through <see cref="OpenAiAnswerFields"/>.
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
}
