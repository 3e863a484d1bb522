using System.Buffers;
using System.IO.Pipelines;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Redaction;

namespace Gateway.Surfaces;

/// <summary>
/// OpenAI Chat Completions: answers as <c>chat.completion</c> JSON, streams as <c>data: {chunk}</c> server-sent events ending in
/// <c>data: [DONE]</c>, errors as OpenAI's error JSON (and, inside a stream, as one <c>data: {"error":...}</c> event without
/// <c>[DONE]</c>). The backend adapters already produce its shapes, so answers pass through as bytes.
/// </summary>
internal sealed class ChatCompletionsSurface(SecretRedactor redactor) : IChatSurface, IChatStreamEncoder
{
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;
    private static ReadOnlySpan<byte> Done => "data: [DONE]\n\n"u8;

    public string Name => "chat_completions";

    public Task WriteAnswerAsync(HttpResponse response, ChatCompletion completion, CancellationToken cancellationToken) =>
        SurfaceAnswers.WriteJsonAsync(response, completion.Json, cancellationToken);

    public Task WriteErrorAsync(HttpResponse response, ApiError error) => OpenAiErrorWriter.WriteAsync(response, error);

    public IChatStreamEncoder StartStream(HttpResponse response)
    {
        SurfaceAnswers.StartEventStream(response);
        return this; // the encoding keeps no state between events
    }

    public void WriteEvent(PipeWriter body, ChatChunk chunk)
    {
        body.Write(DataPrefix);
        body.Write(chunk.Data.Span);
        body.Write(EventEnd);
    }

    public void WriteEnd(PipeWriter body) => body.Write(Done);

    public void WriteError(PipeWriter body, ApiError error)
    {
        body.Write(DataPrefix);
        body.Write(OpenAiErrorWriter.Serialize(redactor.Redact(error)));
        body.Write(EventEnd);
    }
}
