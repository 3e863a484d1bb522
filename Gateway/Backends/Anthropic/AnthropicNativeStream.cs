using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Gateway.Streaming;

namespace Gateway.Backends.Anthropic;

/// <summary>
/// A streamed Messages API answer for a client that speaks the Messages API: every event, <c>ping</c> and <c>message_stop</c> included,
/// is yielded as its own frame (<c>event:</c>, <c>data:</c>, blank line) with the upstream's data bytes untouched, as it arrives. The
/// gateway reads only what it accounts: usage from <c>message_start</c> and <c>message_delta</c>, generated text from the deltas. An
/// <c>error</c> event ends the stream as a failure that keeps the upstream's JSON; a stream that ends before <c>message_stop</c> is a
/// protocol failure.
/// </summary>
internal static class AnthropicNativeStream
{
    public static async IAsyncEnumerable<ChatChunk> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var events = SseReader.ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var usage = default(AnthropicUsage);
        while (true)
        {
            string? broken = null;
            try
            {
                if (!await events.MoveNextAsync())
                {
                    broken = "the Anthropic stream ended before message_stop";
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
            {
                broken = $"the Anthropic stream broke before message_stop: {e.Message}";
            }

            if (broken is not null)
            {
                yield return ChatChunk.Fail(new UpstreamFailure { Kind = FailureKind.Protocol, Message = broken });
                yield break;
            }

            var sse = events.Current;
            var chunk = new ChatChunk { Data = SseFrame.Of(sse), Protocol = NativeRequest.AnthropicMessages };
            switch (sse.Name)
            {
                case "message_start" or "message_delta":
                    usage = UsageIn(sse, usage);
                    chunk = chunk with { Usage = usage.ToOpenAi() };
                    break;
                case "content_block_delta":
                    chunk = chunk with { GeneratedCharacters = GeneratedIn(sse.Data.Span) };
                    break;
                case "error":
                    yield return ChatChunk.Fail(ErrorIn(sse));
                    yield break;
            }

            yield return chunk;
            if (sse.Name == "message_stop")
            {
                yield break;
            }
        }
    }

    /// <summary>The counts <c>message_start</c> (under <c>message.usage</c>) or <c>message_delta</c> (under <c>usage</c>) carry, over those before.</summary>
    private static AnthropicUsage UsageIn(SseEvent sse, AnthropicUsage usage)
    {
        try
        {
            using var document = JsonDocument.Parse(sse.Data);
            var root = document.RootElement;
            var holder = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var message) ? message : root;
            return holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("usage", out var counts) ? usage.With(counts) : usage;
        }
        catch (JsonException)
        {
            return usage; // passed on as it came; the client judges it
        }
    }

    /// <summary>The characters of text, thinking or tool input one <c>content_block_delta</c> adds, read without building a tree.</summary>
    private static int GeneratedIn(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2
                    && (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("partial_json"u8))
                    && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    return reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan);
                }
            }
        }
        catch (JsonException)
        {
            // passed on as it came; it only goes uncounted
        }

        return 0;
    }

    private static UpstreamFailure ErrorIn(SseEvent sse)
    {
        var wire = Encoding.UTF8.GetString(sse.Data.Span);
        try
        {
            using var document = JsonDocument.Parse(sse.Data);
            return AnthropicErrorReader.FromErrorJson(document.RootElement) with { WireError = wire };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new UpstreamFailure { Kind = FailureKind.Protocol, Message = "Anthropic sent an error event whose data is not JSON" };
        }
    }
}
