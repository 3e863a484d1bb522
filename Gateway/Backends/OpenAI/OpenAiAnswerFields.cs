using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// Fields of a whole answer that the translating adapters' upstreams report and OpenAI-compatible servers carry: the message's
/// <c>reasoning_content</c> (DeepSeek, vLLM, LM Studio), the choice's <c>stop_reason</c>, the stop sequence that ended the answer
/// (vLLM's field; <c>finish_reason</c> stays <c>stop</c>), and <c>usage.prompt_tokens_details.cached_tokens</c> (OpenAI's).
/// </summary>
internal static class OpenAiAnswerFields
{
    /// <summary>
    /// <paramref name="completion"/> with <paramref name="reasoning"/> (counted as generated text), <paramref name="matchedStop"/> and
    /// <paramref name="cachedTokens"/> added where given; unchanged when none is.
    /// </summary>
    public static ChatCompletion Add(ChatCompletion completion, string? reasoning = null, string? matchedStop = null, int? cachedTokens = null)
    {
        var any = !string.IsNullOrEmpty(reasoning) || !string.IsNullOrEmpty(matchedStop) || cachedTokens > 0;
        if (!any || JsonNode.Parse(completion.Json.Span) is not JsonObject root
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

        if (cachedTokens > 0 && root["usage"] is JsonObject usage)
        {
            usage["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cachedTokens };
        }

        var buffer = new ArrayBufferWriter<byte>(completion.Json.Length + (reasoning?.Length ?? 0) + (matchedStop?.Length ?? 0) + 96);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            root.WriteTo(json);
        }

        return completion with { Json = buffer.WrittenMemory, GeneratedCharacters = completion.GeneratedCharacters + (reasoning?.Length ?? 0) };
    }
}
