using System.Buffers;
using System.Text.Json;
using Gateway.Backends;

namespace Gateway.Surfaces.Responses;

/// <summary>
/// Turns a whole <c>chat.completion</c> into a Response object: the first choice's reasoning as a <c>reasoning</c> item with a
/// summary, its text (or refusal) as a <c>message</c>, each tool call as a <c>function_call</c> whose <c>call_id</c> is the call's id.
/// An answer cut at its token limit is <c>incomplete</c> with <c>max_output_tokens</c>, one a filter stopped with <c>content_filter</c>.
/// </summary>
internal static class ResponseAnswerWriter
{
    /// <summary>The Response JSON, or null when <paramref name="completion"/> is not a chat completion.</summary>
    public static byte[]? Write(ChatCompletion completion, ResponsesTurn turn, int inputEstimate)
    {
        try
        {
            using var document = JsonDocument.Parse(completion.Json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Write(document.RootElement, completion, turn, inputEstimate) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>How a finish reason ends a Response: its status and, for one cut short, the reason.</summary>
    public static (string Status, string? Reason) Ending(string? finishReason) => finishReason switch
    {
        "length" => ("incomplete", "max_output_tokens"),
        "content_filter" => ("incomplete", "content_filter"),
        _ => ("completed", null),
    };

    private static byte[] Write(JsonElement root, ChatCompletion completion, ResponsesTurn turn, int inputEstimate)
    {
        var choice = root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
            && choices[0].ValueKind == JsonValueKind.Object ? choices[0] : default;
        var message = choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var finish = choice.ValueKind == JsonValueKind.Object ? ChatChunkReader.String(choice, "finish_reason") : null;
        var (status, reason) = Ending(finish ?? completion.FinishReason);
        var usage = root.TryGetProperty("usage", out var reported) && ReportedUsage.Read(reported) is { } read ? read
            : completion.Usage is { } known ? ReportedUsage.From(known)
            : ReportedUsage.Estimated(inputEstimate, completion.GeneratedCharacters);

        var output = message.ValueKind == JsonValueKind.Object ? Output(message, status) : [];
        var buffer = new ArrayBufferWriter<byte>(1024 + completion.Json.Length);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            var model = ChatChunkReader.String(root, "model") ?? completion.Model;
            ResponseObjectWriter.Write(json, turn, new ResponseObjectWriter.State(status, model, output, usage, reason));
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static List<byte[]> Output(JsonElement message, string status)
    {
        var output = new List<byte[]>(2);
        if (ChatChunkReader.Reasoning(message) is { Length: > 0 } reasoning)
        {
            output.Add(ResponseItems.Reasoning(ResponseIds.Reasoning(), reasoning));
        }

        var text = ChatChunkReader.Text(message);
        if (string.IsNullOrEmpty(text))
        {
            text = ChatChunkReader.String(message, "refusal");
        }

        if (!string.IsNullOrEmpty(text))
        {
            output.Add(ResponseItems.Message(ResponseIds.Message(), status, text));
        }

        if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var function = call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
                if (function.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var arguments = function.TryGetProperty("arguments", out var a) ? a.ValueKind switch
                {
                    JsonValueKind.String => a.GetString()!,
                    JsonValueKind.Object => a.GetRawText(),
                    _ => "{}",
                } : "{}";
                output.Add(ResponseItems.FunctionCall(
                    ResponseIds.FunctionCall(), "completed", ChatChunkReader.String(call, "id") ?? OpenAiIds.NewToolCallId(),
                    ChatChunkReader.String(function, "name") ?? string.Empty, arguments));
            }
        }

        if (output.Count == 0)
        {
            output.Add(ResponseItems.Message(ResponseIds.Message(), status, string.Empty)); // SDKs read output_text from a message
        }

        return output;
    }
}
