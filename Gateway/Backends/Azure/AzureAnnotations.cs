using System.Text.Json;
using Gateway.Backends.OpenAI;

namespace Gateway.Backends.Azure;

/// <summary>
/// Removes Azure's content-filter annotation chunks from a stream (one instance per stream). They carry an empty <c>id</c> and often
/// <c>choices: []</c>: the prompt annotation that comes first, and the offsets annotations of the asynchronous filter. One that ends the
/// answer (<c>finish_reason: content_filter</c> when output was blocked) is kept, rewritten as a proper finish chunk under the stream's
/// id, created and model, so clients see why the answer stopped.
/// </summary>
internal sealed class AzureAnnotations
{
    private readonly string _model;
    private readonly TimeProvider _time;
    private ReadOnlyMemory<byte> _lastChunk;

    public AzureAnnotations(string model, TimeProvider time)
    {
        _model = model;
        _time = time;
    }

    /// <summary>The chunk to send for this event, or null when it is annotation only.</summary>
    public ChatChunk? Clean(OpenAiStreamEvent streamEvent)
    {
        if (streamEvent.Info.HasId)
        {
            _lastChunk = streamEvent.Data;
            return OpenAiEventStream.ToChunk(streamEvent, clientWantsUsage: true);
        }

        if (streamEvent.Info.FinishReason is not { } finishReason)
        {
            return null;
        }

        var (id, created, model) = Identity();
        using var writer = new OpenAiChunkWriter(id, created, model);
        return ChatChunk.FromJson(writer.Finish(finishReason), streamEvent.Info.Usage);
    }

    /// <summary>The id, created and model of the last real chunk; fresh ones when the filter stopped the answer before any.</summary>
    private (string Id, long Created, string Model) Identity()
    {
        string? id = null, model = null;
        long? created = null;
        if (!_lastChunk.IsEmpty)
        {
            using var document = JsonDocument.Parse(_lastChunk);
            var root = document.RootElement;
            id = OpenAiAnswers.StringOf(root, "id");
            model = OpenAiAnswers.StringOf(root, "model");
            created = root.TryGetProperty("created", out var value) && value.TryGetInt64(out var seconds) ? seconds : null;
        }

        return (
            string.IsNullOrEmpty(id) ? OpenAiIds.NewCompletionId() : id,
            created ?? _time.GetUtcNow().ToUnixTimeSeconds(),
            string.IsNullOrEmpty(model) ? _model : model);
    }
}
