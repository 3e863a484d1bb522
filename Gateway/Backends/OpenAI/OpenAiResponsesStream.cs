using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Gateway.Streaming;

namespace Gateway.Backends.OpenAI;

/// <summary>
/// A streamed Responses API answer for a client that speaks the Responses API: every event is yielded as its own frame with the
/// upstream's data untouched, as it arrives, the terminal one (<c>response.completed</c>, <c>.incomplete</c>, <c>.failed</c>) included,
/// after which the stream ends. The gateway reads only usage from the terminal event and the generated text from the deltas. An
/// <c>error</c> event ends the stream as a failure (before anything was sent, the plan moves on); a stream that ends before a terminal
/// event is a protocol failure.
/// </summary>
internal static class OpenAiResponsesStream
{
    public static async IAsyncEnumerable<ChatChunk> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var step in StreamGuard.ReadAsync(SseReader.ReadAsync(body, cancellationToken), cancellationToken))
        {
            if (step.BreakReason is { } reason)
            {
                yield return Broken($"the Responses stream broke before its last event: {reason}");
                yield break;
            }

            var sse = step.Item;
            if (sse.IsDone || sse.Data.Span.Trim(" \t"u8).IsEmpty)
            {
                continue; // some servers end with [DONE] after the terminal event; the client needs none
            }

            var type = sse.Name ?? TypeOf(sse.Data.Span);
            var chunk = new ChatChunk { Data = SseFrame.Of(sse), Protocol = NativeRequest.OpenAiResponses };
            switch (type)
            {
                case "error":
                    yield return ChatChunk.Fail(ErrorIn(sse.Data));
                    yield break;
                case "response.completed" or "response.incomplete" or "response.failed":
                    yield return chunk with { Usage = UsageIn(sse.Data) };
                    yield break;
                case "response.output_text.delta" or "response.function_call_arguments.delta" or "response.reasoning_summary_text.delta"
                    or "response.reasoning_text.delta" or "response.refusal.delta":
                    yield return chunk with { GeneratedCharacters = DeltaLength(sse.Data.Span) };
                    break;
                default:
                    yield return chunk;
                    break;
            }
        }

        yield return Broken("the Responses stream ended before response.completed");
    }

    private static ChatChunk Broken(string message) => ChatChunk.Fail(new UpstreamFailure { Kind = FailureKind.Protocol, Message = message });

    /// <summary>The event's <c>type</c> from its data, for a server that sends no <c>event:</c> line.</summary>
    private static string? TypeOf(ReadOnlySpan<byte> data) => StringAtTop(data, "type"u8);

    private static int DeltaLength(ReadOnlySpan<byte> data) => StringAtTop(data, "delta"u8)?.Length ?? 0;

    private static string? StringAtTop(ReadOnlySpan<byte> data, ReadOnlySpan<byte> property)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(property))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // passed on as it came; it only goes unread
        }

        return null;
    }

    private static Usage? UsageIn(ReadOnlyMemory<byte> data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("response", out var answer)
                && answer.ValueKind == JsonValueKind.Object ? OpenAiResponsesAnswer.UsageOf(answer) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The failure an <c>error</c> event reports, flat (<c>{"type":"error","code","message"}</c>) or nested under <c>error</c>.</summary>
    private static UpstreamFailure ErrorIn(ReadOnlyMemory<byte> data)
    {
        string? message = null, code = null;
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            var holder = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
            if (holder.ValueKind == JsonValueKind.Object)
            {
                message = OpenAiAnswers.StringOf(holder, "message");
                code = OpenAiAnswers.StringOf(holder, "code");
            }
        }
        catch (JsonException)
        {
            // reported with the generic message below
        }

        return new UpstreamFailure
        {
            Kind = FailureKind.Status,
            StatusCode = 502,
            Message = $"the upstream's Responses stream reported an error: {message ?? Encoding.UTF8.GetString(data.Span)}",
            Code = code,
            WireError = Encoding.UTF8.GetString(data.Span), // the event itself, for the client that speaks this protocol
        };
    }
}
