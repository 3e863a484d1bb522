using System.Runtime.CompilerServices;
using Gateway.Streaming;

namespace Gateway.Backends.OpenAI;

/// <summary>One data event of an OpenAI-style stream with what was read from it, or the failure that ended the stream.</summary>
internal readonly record struct OpenAiStreamEvent(ReadOnlyMemory<byte> Data, OpenAiChunkInfo Info, UpstreamFailure? Failure);

/// <summary>
/// Reads an OpenAI-style SSE body (OpenAI, LM Studio, Azure): each <c>data:</c> event as it arrives, unchanged; <c>[DONE]</c> ends it.
/// An <c>error</c> event, data that is not a JSON object, or the body ending or breaking before <c>[DONE]</c> becomes one failure event.
/// </summary>
internal static class OpenAiEventStream
{
    public static async IAsyncEnumerable<OpenAiStreamEvent> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var step in StreamGuard.ReadAsync(SseReader.ReadAsync(body, cancellationToken), cancellationToken))
        {
            if (step.BreakReason is { } reason)
            {
                yield return Failed(FailureKind.Protocol, $"stream ended before [DONE]: {reason}");
                yield break;
            }

            var sse = step.Item;
            if (sse.IsDone)
            {
                yield break;
            }

            if (sse.Data.Span.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            var info = OpenAiChunkScanner.Scan(sse.Data.Span);
            if (!info.IsObject)
            {
                yield return Failed(FailureKind.Protocol, "upstream sent a stream event whose data is not a JSON object");
                yield break;
            }

            if (info.Error is { } error)
            {
                yield return new OpenAiStreamEvent(default, default, new UpstreamFailure
                {
                    Kind = FailureKind.Status,
                    StatusCode = error.Status,
                    Message = error.Message,
                    Code = error.Code,
                });
                yield break;
            }

            yield return new OpenAiStreamEvent(sse.Data, info, null);
        }

        yield return Failed(FailureKind.Protocol, "stream ended before [DONE]");
    }

    /// <summary>
    /// The chunk for a data event: as the upstream wrote it, with the generated text it carries counted, except the usage chunk of a
    /// client that did not ask for <c>include_usage</c>, which is counted but not forwarded (OpenAI sends that chunk only to clients that ask).
    /// </summary>
    public static ChatChunk ToChunk(OpenAiStreamEvent streamEvent, bool clientWantsUsage) =>
        !clientWantsUsage && streamEvent.Info is { IsUsageOnly: true, Usage: { } usage }
            ? ChatChunk.UsageOnly(usage)
            : ChatChunk.FromJson(streamEvent.Data, streamEvent.Info.Usage) with { GeneratedCharacters = streamEvent.Info.GeneratedCharacters };

    private static OpenAiStreamEvent Failed(FailureKind kind, string message) =>
        new(default, default, new UpstreamFailure { Kind = kind, Message = message });
}
