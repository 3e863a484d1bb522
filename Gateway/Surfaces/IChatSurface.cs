using Gateway.Backends;
using Gateway.Exchange;

namespace Gateway.Surfaces;

/// <summary>
/// An inbound protocol's way of answering a chat: the whole answer, a stream of events, and errors, each in the client's own shape.
/// The dispatcher decides what happened; the surface only says it. Chat Completions is the first; the Anthropic Messages and OpenAI
/// Responses surfaces implement the same seam.
/// </summary>
internal interface IChatSurface
{
    /// <summary>The surface's name in logs and metrics (<c>chat_completions</c>).</summary>
    string Name { get; }

    /// <summary>Writes a whole answer (status, content type, body).</summary>
    Task WriteAnswerAsync(HttpResponse response, ChatCompletion completion, CancellationToken cancellationToken);

    /// <summary>Writes an error answer, with any configured secret the message may quote masked.</summary>
    Task WriteErrorAsync(HttpResponse response, ApiError error);

    /// <summary>Commits the response to a stream (status, content type, no caching or proxy buffering) and returns its encoder.</summary>
    IChatStreamEncoder StartStream(HttpResponse response);
}
