using System.Runtime.CompilerServices;
using Gateway.Backends.OpenAI;
using Gateway.Routing;
using Gateway.Streaming;

namespace Gateway.Backends.Ollama;

/// <summary>
/// Translates Ollama's NDJSON chat stream into OpenAI chunks as lines arrive: the role chunk first, a <c>reasoning_content</c> chunk
/// per non-empty <c>message.thinking</c>, a content chunk per non-empty <c>message.content</c>, a tool-call chunk per whole tool call (Ollama never fragments them), then on <c>done:true</c> the finish chunk
/// and the usage: a usage chunk when the client asked for <c>include_usage</c>, else a usage report the gateway counts without forwarding.
/// </summary>
internal static class OllamaChatStream
{
    public static async IAsyncEnumerable<ChatChunk> ReadAsync(
        HttpResponseMessage response, ChatRequest request, Candidate candidate, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        OpenAiChunkWriter? writer = null;
        var toolCalls = 0;
        try
        {
            await foreach (var step in StreamGuard.ReadAsync(NdjsonReader.ReadAsync(body, cancellationToken), cancellationToken))
            {
                if (step.BreakReason is { } reason)
                {
                    yield return Failed(FailureKind.Protocol, $"stream ended before done:true: {reason}");
                    yield break;
                }

                if (!OllamaChatLineParser.TryParse(step.Item.Span, readHeader: writer is null, out var line))
                {
                    yield return Failed(FailureKind.Protocol, "Ollama sent a stream line that is not a JSON object");
                    yield break;
                }

                if (line.Error is { } error)
                {
                    yield return Failed(FailureKind.Status, error);
                    yield break;
                }

                if (writer is null)
                {
                    writer = new OpenAiChunkWriter(OpenAiIds.NewCompletionId(), line.CreatedSeconds(time), line.Model ?? candidate.Model);
                    yield return ChatChunk.FromJson(writer.Role());
                }

                if (!string.IsNullOrEmpty(line.Thinking))
                {
                    yield return ChatChunk.Generated(OpenAiReasoning.Chunk(writer, line.Thinking), line.Thinking.Length);
                }

                if (!string.IsNullOrEmpty(line.Content))
                {
                    yield return ChatChunk.Generated(writer.Content(line.Content), line.Content.Length);
                }

                foreach (var call in line.ToolCalls ?? [])
                {
                    yield return ChatChunk.Generated(writer.ToolCallStart(toolCalls++, call.Id, call.Name, call.Arguments), call.Arguments.Length);
                }

                if (line.Done)
                {
                    yield return ChatChunk.FromJson(writer.Finish(line.FinishReason(toolCalls > 0)));
                    yield return request.IncludeUsage
                        ? ChatChunk.FromJson(writer.UsageChunk(line.Usage), line.Usage)
                        : ChatChunk.UsageOnly(line.Usage);

                    yield break;
                }
            }

            yield return Failed(FailureKind.Protocol, "stream ended before done:true");
        }
        finally
        {
            writer?.Dispose();
        }
    }

    private static ChatChunk Failed(FailureKind kind, string message) => ChatChunk.Fail(new UpstreamFailure { Kind = kind, Message = message });
}
