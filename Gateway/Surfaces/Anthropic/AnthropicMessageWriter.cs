using System.Buffers;
using System.Text.Json;
using Gateway.Backends;

namespace Gateway.Surfaces.Anthropic;

/// <summary>
/// Turns a whole OpenAI <c>chat.completion</c> into an Anthropic <c>message</c>: the first choice's reasoning as a <c>thinking</c>
/// block, its text as a <c>text</c> block, each tool call as a <c>tool_use</c> block whose <c>input</c> is the parsed arguments object.
/// </summary>
internal static class AnthropicMessageWriter
{
    /// <summary>
    /// The <c>message</c> JSON for <paramref name="completion"/>, or null when its body is not a chat completion. Usage is the upstream's;
    /// without one, input is <paramref name="inputEstimate"/> and output is estimated from the generated characters.
    /// </summary>
    public static byte[]? Write(ChatCompletion completion, int inputEstimate)
    {
        try
        {
            using var document = JsonDocument.Parse(completion.Json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Write(document.RootElement, completion, inputEstimate) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Write(JsonElement root, ChatCompletion completion, int inputEstimate)
    {
        var message = FirstMessage(root, out var finishReason, out var matchedStop);
        var usage = root.TryGetProperty("usage", out var reported) && ReportedUsage.Read(reported) is { } read ? MessageUsage.From(read)
            : completion.Usage is { } known ? MessageUsage.From(known)
            : new MessageUsage(inputEstimate, ReportedUsage.EstimateOutput(completion.GeneratedCharacters));

        var buffer = new ArrayBufferWriter<byte>(512 + completion.Json.Length);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteString("id", MessageIds.From(ChatChunkReader.String(root, "id")));
            json.WriteString("type", "message");
            json.WriteString("role", "assistant");
            json.WriteString("model", ChatChunkReader.String(root, "model") ?? completion.Model ?? string.Empty);
            json.WriteStartArray("content");
            var calledTools = message is { } m && WriteContent(json, m);
            json.WriteEndArray();
            var stopReason = AnthropicStopReasons.For(finishReason ?? completion.FinishReason, calledTools, matchedStop);
            json.WriteString("stop_reason", stopReason);
            if (stopReason == AnthropicStopReasons.StopSequence)
            {
                json.WriteString("stop_sequence", matchedStop);
            }
            else
            {
                json.WriteNull("stop_sequence");
            }
            json.WriteStartObject("usage");
            usage.WriteCounts(json);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The first choice's message, its finish reason and the stop sequence it says matched (vLLM's <c>stop_reason</c>).</summary>
    private static JsonElement? FirstMessage(JsonElement root, out string? finishReason, out string? matchedStop)
    {
        finishReason = null;
        matchedStop = null;
        if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            return null;
        }

        var choice = choices[0];
        if (choice.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        finishReason = ChatChunkReader.String(choice, "finish_reason");
        matchedStop = ChatChunkReader.String(choice, "stop_reason"); // a token id there (a number) is no stop sequence
        return choice.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object ? message : null;
    }

    /// <summary>Writes the blocks; true when there was a tool call.</summary>
    private static bool WriteContent(Utf8JsonWriter json, JsonElement message)
    {
        if (ChatChunkReader.Reasoning(message) is { Length: > 0 } reasoning)
        {
            json.WriteStartObject();
            json.WriteString("type", "thinking");
            json.WriteString("thinking", reasoning);
            json.WriteString("signature", string.Empty);
            json.WriteEndObject();
        }

        var text = ChatChunkReader.Text(message);
        if (string.IsNullOrEmpty(text))
        {
            text = ChatChunkReader.String(message, "refusal");
        }

        if (!string.IsNullOrEmpty(text))
        {
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", text);
            json.WriteEndObject();
        }

        if (!message.TryGetProperty("tool_calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var any = false;
        foreach (var call in calls.EnumerateArray())
        {
            if (call.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var function = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
            json.WriteStartObject();
            json.WriteString("type", "tool_use");
            json.WriteString("id", ChatChunkReader.String(call, "id") ?? OpenAiIds.NewToolCallId());
            json.WriteString("name", function.ValueKind == JsonValueKind.Object ? ChatChunkReader.String(function, "name") ?? string.Empty : string.Empty);
            WriteDirectCaller(json);
            json.WritePropertyName("input");
            WriteInput(json, function);
            json.WriteEndObject();
            any = true;
        }

        return any;
    }

    /// <summary>
    /// <c>caller: {"type":"direct"}</c>: the model called the tool itself (not from code execution). Anthropic's API sends it on every
    /// tool_use block and its SDKs since 13.x require it.
    /// </summary>
    public static void WriteDirectCaller(Utf8JsonWriter json)
    {
        json.WriteStartObject("caller");
        json.WriteString("type", "direct");
        json.WriteEndObject();
    }

    /// <summary>The arguments as a JSON object: OpenAI sends them as a JSON string; empty, invalid or non-object arguments are <c>{}</c>.</summary>
    private static void WriteInput(Utf8JsonWriter json, JsonElement function)
    {
        if (function.ValueKind == JsonValueKind.Object && function.TryGetProperty("arguments", out var arguments))
        {
            if (arguments.ValueKind == JsonValueKind.Object)
            {
                arguments.WriteTo(json);
                return;
            }

            if (arguments.ValueKind == JsonValueKind.String && ParseObject(arguments.GetString()) is { } parsed)
            {
                using (parsed)
                {
                    parsed.RootElement.WriteTo(json);
                }

                return;
            }
        }

        json.WriteStartObject();
        json.WriteEndObject();
    }

    private static JsonDocument? ParseObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
            // Arguments the model left unfinished (a length stop) or wrote badly: the call still shows, with no input.
        }

        return null;
    }
}
