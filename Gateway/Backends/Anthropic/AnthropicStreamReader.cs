using System.Runtime.CompilerServices;
using Gateway.Streaming;
using Microsoft.Extensions.Logging;

namespace Gateway.Backends.Anthropic;

/// <summary>Reads a streamed Messages API answer event by event, yielding OpenAI chunks as each event arrives.</summary>
internal static class AnthropicStreamReader
{
    public static async IAsyncEnumerable<ChatChunk> ReadAsync(
        HttpResponseMessage response,
        ChatRequest request,
        string fallbackModel,
        TimeProvider time,
        ILogger logger,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var translator = new AnthropicStreamTranslator(fallbackModel, request.IncludeUsage, time, logger);
        await using var events = SseReader.ReadAsync(body, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var chunks = new List<ChatChunk>(2);
        while (true)
        {
            UpstreamFailure? failure = null;
            try
            {
                if (!await events.MoveNextAsync())
                {
                    failure = Protocol("the Anthropic stream ended before message_stop");
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
            {
                failure = Protocol($"the Anthropic stream broke before message_stop: {e.Message}");
            }

            if (failure is not null)
            {
                yield return ChatChunk.Fail(failure);
                yield break;
            }

            translator.Translate(events.Current, chunks);
            foreach (var chunk in chunks)
            {
                yield return chunk;
            }

            chunks.Clear();
            if (translator.IsFinished)
            {
                yield break;
            }
        }
    }

    private static UpstreamFailure Protocol(string message) => new() { Kind = FailureKind.Protocol, Message = message };
}
