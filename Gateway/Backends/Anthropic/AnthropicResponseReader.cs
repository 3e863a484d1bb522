using System.Text;
using System.Text.Json;
using Gateway.Backends.OpenAI;
using Microsoft.Extensions.Logging;

namespace Gateway.Backends.Anthropic;

/// <summary>
/// Turns a non-streamed Messages API answer into OpenAI's <c>chat.completion</c>: text blocks as the content, thinking blocks as
/// <c>reasoning_content</c> (their signatures have no place there), tool_use blocks as tool calls; a stop on one of the request's
/// stop sequences is <c>finish_reason: stop</c> with the sequence as the choice's <c>stop_reason</c>, as vLLM reports it; tokens read
/// from the prompt cache, part of <c>prompt_tokens</c>, are also its <c>prompt_tokens_details.cached_tokens</c>, as OpenAI reports them.
/// </summary>
internal static class AnthropicResponseReader
{
    public static async Task<Outcome<ChatCompletion>> ReadAsync(
        HttpResponseMessage response, string fallbackModel, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var (body, unread) = await ReadBodyAsync(response, cancellationToken);
        if (body is null)
        {
            return unread!;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return NotAMessage(response, body);
        }

        using (document)
        {
            try
            {
                return Translate(document.RootElement, fallbackModel, time, logger);
            }
            catch (InvalidOperationException)
            {
                // A JSON value of the wrong kind where the protocol names another (a content block that is a string).
                return Protocol("Anthropic answered 200 with JSON that does not have the Messages API's shape");
            }
        }
    }

    /// <summary>The whole answer body (at most <see cref="UpstreamBody.MaxAnswerBytes"/>), or the failure that says why there is none.</summary>
    internal static async Task<(byte[]? Body, UpstreamFailure? Failure)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await UpstreamBody.ReadAsync(response, UpstreamBody.MaxAnswerBytes, cancellationToken) is { } body
                ? (body, null)
                : (null, Protocol($"Anthropic sent an answer larger than {UpstreamBody.MaxAnswerBytes / (1024 * 1024)} MiB"));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return (null, Protocol($"the Anthropic answer broke off before it was complete: {e.Message}"));
        }
    }

    /// <summary>A 2xx body that is not JSON (an HTML page, a truncated answer), described from its start.</summary>
    internal static UpstreamFailure NotAMessage(HttpResponseMessage response, byte[] body) =>
        Protocol($"Anthropic answered {(int)response.StatusCode} with {UpstreamBody.Describe(response, Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, UpstreamBody.MaxErrorBytes)))} instead of a message");

    internal static Outcome<ChatCompletion> Translate(JsonElement message, string fallbackModel, TimeProvider time, ILogger logger)
    {
        if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var type) && type.ValueEquals("error"))
        {
            return AnthropicErrorReader.FromErrorJson(message);
        }

        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
            || !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return Protocol("Anthropic answered 200 with JSON that is not a message (no id or content)");
        }

        var text = new StringBuilder();
        StringBuilder? thinking = null;
        List<ToolCall>? toolCalls = null;
        foreach (var block in content.EnumerateArray())
        {
            if (!block.TryGetProperty("type", out var blockType))
            {
                continue;
            }

            if (blockType.ValueEquals("text") && block.TryGetProperty("text", out var blockText) && blockText.ValueKind == JsonValueKind.String)
            {
                text.Append(blockText.GetString());
            }
            else if (blockType.ValueEquals("thinking") && block.TryGetProperty("thinking", out var thought) && thought.ValueKind == JsonValueKind.String)
            {
                (thinking ??= new StringBuilder()).Append(thought.GetString());
            }
            else if (blockType.ValueEquals("tool_use"))
            {
                (toolCalls ??= []).Add(new ToolCall(
                    StringOf(block, "id") ?? OpenAiIds.NewToolCallId(),
                    StringOf(block, "name") ?? string.Empty,
                    block.TryGetProperty("input", out var input) ? input.GetRawText() : "{}"));
            }
        }

        var stopReason = StringOf(message, "stop_reason");
        var finishReason = AnthropicStopReason.ToFinishReason(stopReason, out var known);
        if (!known)
        {
            logger.UnknownStopReason(stopReason!);
        }

        var model = StringOf(message, "model") ?? fallbackModel;
        var usage = message.TryGetProperty("usage", out var u) ? AnthropicUsage.Read(u) : default(AnthropicUsage?);
        var completion = OpenAiCompletionWriter.Completion(
            id.GetString()!, time.GetUtcNow().ToUnixTimeSeconds(), model, text.ToString(), toolCalls ?? [], finishReason, usage?.ToOpenAi());
        var matchedStop = stopReason == "stop_sequence" ? StringOf(message, "stop_sequence") : null;
        return Outcome<ChatCompletion>.Ok(OpenAiAnswerFields.Add(completion, thinking?.ToString(), matchedStop, usage?.CacheReadInputTokens));
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static UpstreamFailure Protocol(string message) => new() { Kind = FailureKind.Protocol, Message = message };
}
