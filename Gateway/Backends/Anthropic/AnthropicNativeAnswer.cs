using System.Text;
using System.Text.Json;

namespace Gateway.Backends.Anthropic;

/// <summary>
/// A whole Messages API answer for a client that speaks the Messages API: passed on as the upstream sent it, read only for the model,
/// the usage, the stop reason and how much text was generated.
/// </summary>
internal static class AnthropicNativeAnswer
{
    public static async Task<Outcome<ChatCompletion>> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (body, unread) = await AnthropicResponseReader.ReadBodyAsync(response, cancellationToken);
        if (body is null)
        {
            return unread!;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return Read(document.RootElement, body);
        }
        catch (JsonException)
        {
            return AnthropicResponseReader.NotAMessage(response, body);
        }
        catch (InvalidOperationException)
        {
            return Protocol("Anthropic answered 200 with JSON that does not have the Messages API's shape");
        }
    }

    private static Outcome<ChatCompletion> Read(JsonElement message, byte[] body)
    {
        if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var type) && type.ValueEquals("error"))
        {
            return AnthropicErrorReader.FromErrorJson(message) with { WireError = Encoding.UTF8.GetString(body) };
        }

        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return Protocol("Anthropic answered 200 with JSON that is not a message (no content)");
        }

        var generated = 0;
        foreach (var block in content.EnumerateArray())
        {
            generated += GeneratedIn(block);
        }

        var usage = message.TryGetProperty("usage", out var u) ? AnthropicUsage.Read(u).ToOpenAi() : default(Usage?);
        return Outcome<ChatCompletion>.Ok(new ChatCompletion(body, StringOf(message, "model"), usage, StringOf(message, "stop_reason"), generated)
        {
            Protocol = NativeRequest.AnthropicMessages,
        });
    }

    /// <summary>The characters a content block's model output holds: text, thinking, or a tool call's input as JSON.</summary>
    private static int GeneratedIn(JsonElement block) =>
        block.ValueKind != JsonValueKind.Object ? 0
        : block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()!.Length
        : block.TryGetProperty("thinking", out var thinking) && thinking.ValueKind == JsonValueKind.String ? thinking.GetString()!.Length
        : block.TryGetProperty("input", out var input) ? input.GetRawText().Length
        : 0;

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static UpstreamFailure Protocol(string message) => new() { Kind = FailureKind.Protocol, Message = message };
}
