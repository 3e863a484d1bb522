using System.ClientModel.Primitives;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// One output item as the application ends up with it: a message's text, a reasoning item's summary, or a call's arguments (JSON),
/// with the call's id and name, and the item's status in the API's words (<c>completed</c>, <c>incomplete</c>).
/// </summary>
internal sealed record SeenItem(string Kind, string Content, string? CallId = null, string? Name = null, string? Status = null);

/// <summary>OpenAI's error object as the SDK's exception carried it, or a stream's <c>error</c> event.</summary>
internal sealed record SeenError(string? Type, string? Code, string? Param, string Message);

/// <summary>What an application using the OpenAI SDK's Responses client ends up with, streamed or not, or the error it got.</summary>
internal sealed record ResponsesView
{
    public IReadOnlyList<SeenItem> Items { get; init; } = [];

    public string? Id { get; init; }

    /// <summary>The response's status in the API's words.</summary>
    public string? Status { get; init; }

    public string? IncompleteReason { get; init; }

    public (int Input, int Output, int Total)? Usage { get; init; }

    /// <summary>A stream's <c>sequence_number</c>s, in the order the SDK yielded its updates.</summary>
    public IReadOnlyList<int> Sequence { get; init; } = [];

    /// <summary>How many terminal events (<c>response.completed</c>, <c>.incomplete</c>, <c>.failed</c>) a stream had.</summary>
    public int Terminals { get; init; }

    /// <summary>The HTTP status of the error the SDK raised, and its body's error object.</summary>
    public int? ErrorStatus { get; init; }

    public SeenError? Error { get; init; }

    /// <summary>A stream's <c>error</c> event, as the SDK yielded it.</summary>
    public SeenError? StreamError { get; init; }

    /// <summary>The gateway's response headers.</summary>
    public PipelineResponseHeaders? Headers { get; init; }

    public string? Header(string name) => Headers is not null && Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The SDK raised nothing: neither an exception nor an error event.</summary>
    public void AssertAnswered()
    {
        Assert.True(ErrorStatus is null, $"the SDK raised HTTP {ErrorStatus}: {Error}");
        Assert.True(StreamError is null, $"the stream ended with an error event: {StreamError}");
    }
}
