using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>A tool call as the client's SDK assembled it.</summary>
internal sealed record SeenToolCall(string Id, string Name, string Arguments);

/// <summary>
/// What an application using the OpenAI SDK ends up with, whether it streamed or not: the text, the tool calls, the finish reason, the
/// usage, or the error the SDK raised.
/// </summary>
internal sealed record ClientView
{
    public string Text { get; init; } = "";

    public IReadOnlyList<SeenToolCall> ToolCalls { get; init; } = [];

    public ChatFinishReason? FinishReason { get; init; }

    public ChatTokenUsage? Usage { get; init; }

    /// <summary>Every completion id the answer carried (one for a whole answer; one per chunk for a stream).</summary>
    public IReadOnlyList<string> CompletionIds { get; init; } = [];

    /// <summary>HTTP status of the error the SDK raised, if it raised one.</summary>
    public int? ErrorStatus { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>OpenAI's error <c>code</c> from the error body.</summary>
    public string? ErrorCode { get; init; }

    /// <summary><c>x-gateway-backend</c> of the answer.</summary>
    public string? ServedBy { get; init; }
}
