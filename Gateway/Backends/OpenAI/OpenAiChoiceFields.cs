using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// Fields of a whole answer's first choice that OpenAI itself never sends but OpenAI-compatible servers do, for the translating
/// adapters whose upstreams know them: the message's <c>reasoning_content</c> (DeepSeek, vLLM, LM Studio) and the choice's
/// <c>stop_reason</c>, the stop sequence that ended the answer (vLLM's field; <c>finish_reason</c> stays <c>stop</c>).
/// </summary>
internal static class OpenAiChoiceFields
{
    /// <summary>
    /// <paramref name="completion"/> with <paramref name="reasoning"/> (counted as generated text) and <paramref name="matchedStop"/>
    /// added; unchanged when both are empty.
    /// </summary>
    public static ChatCompletion Add(ChatCompletion completion, string? reasoning = null, string? matchedStop = null)
    {
        if ((string.IsNullOrEmpty(reasoning) && string.IsNullOrEmpty(matchedStop)) || JsonNode.Parse(completion.Json.Span) is not JsonObject root
            || root["choices"] is not JsonArray { Count: > 0 } choices || choices[0] is not JsonObject choice || choice["message"] is not JsonObject message)
        {
            return completion;
        }

        if (!string.IsNullOrEmpty(reasoning))
        {
            message["reasoning_content"] = reasoning;
        }

        if (!string.IsNullOrEmpty(matchedStop))
        {
            choice["stop_reason"] = matchedStop;
        }

        var buffer = new ArrayBufferWriter<byte>(completion.Json.Length + (reasoning?.Length ?? 0) + (matchedStop?.Length ?? 0) + 48);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            root.WriteTo(json);
        }

        return completion with { Json = buffer.WrittenMemory, GeneratedCharacters = completion.GeneratedCharacters + (reasoning?.Length ?? 0) };
    }
}
