using System.Buffers;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Dispatch;

namespace Gateway.Tools;

/// <summary>
/// The answer of a non-streamed invocation:
/// <c>{"tool", "backend", "model", "output", "usage", "attempts", "finish_reason"}</c>, read from the chat completion that served it.
/// </summary>
internal static class ToolResult
{
    public static byte[] Write(string tool, ChatOutcome outcome)
    {
        var completion = outcome.Completion!;
        var (output, finishReason) = Read(completion.Json);
        var buffer = new ArrayBufferWriter<byte>(512 + completion.Json.Length);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteString("tool", tool);
            json.WriteString("backend", outcome.Candidate!.Backend.Name);
            json.WriteString("model", outcome.Candidate.Model);
            if (output is null)
            {
                json.WriteNull("output");
            }
            else
            {
                json.WriteString("output", output);
            }

            if (completion.Usage is { } usage)
            {
                json.WriteStartObject("usage");
                json.WriteNumber("prompt_tokens", usage.PromptTokens);
                json.WriteNumber("completion_tokens", usage.CompletionTokens);
                json.WriteNumber("total_tokens", usage.TotalTokens);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("usage");
            }

            json.WriteNumber("attempts", outcome.Attempts);
            if ((finishReason ?? completion.FinishReason) is { } reason)
            {
                json.WriteString("finish_reason", reason);
            }
            else
            {
                json.WriteNull("finish_reason");
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The first choice's text and finish reason from an OpenAI <c>chat.completion</c> body.</summary>
    private static (string? Output, string? FinishReason) Read(ReadOnlyMemory<byte> completion)
    {
        using var document = JsonDocument.Parse(completion);
        if (!document.RootElement.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            return (null, null);
        }

        var choice = choices[0];
        var finish = choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;
        var output = choice.TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content)
            && content.ValueKind == JsonValueKind.String ? content.GetString() : null;
        return (output, finish);
    }
}
