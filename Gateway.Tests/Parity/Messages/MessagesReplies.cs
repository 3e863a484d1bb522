namespace Gateway.Tests.Parity.Messages;

/// <summary>Why an answer ended, in Anthropic's words; each backend says it in its own.</summary>
internal enum ReplyStop
{
    EndTurn,
    MaxTokens,
    ToolUse,
    StopSequence,
}

/// <summary>One tool call of an answer: its arguments as a JSON object.</summary>
internal sealed record ReplyCall(string Name, string Arguments);

/// <summary>
/// What the model answers in one cell, independent of any protocol: each backend renders it in its own wire shapes
/// (<see cref="MessagesBackend.Render"/>) and the client must read it back as the same blocks, stop reason and usage.
/// </summary>
internal sealed record Reply(string? Thinking, string? Text, IReadOnlyList<ReplyCall> Calls, ReplyStop Stop, int InputTokens, int OutputTokens)
{
    /// <summary>The text as the stream renderers split it: two deltas where it is long enough.</summary>
    public IReadOnlyList<string> TextPieces => Pieces(Text);

    public IReadOnlyList<string> ThinkingPieces => Pieces(Thinking);

    private static string[] Pieces(string? text) =>
        text is null ? [] : text.Length < 2 ? [text] : [text[..(text.Length / 2)], text[(text.Length / 2)..]];
}

/// <summary>The answer of every cell that gets one.</summary>
internal static class MessagesReplies
{
    public const string Greeting = "Hi! How can I help you today?";
    public const string Sum = "2 + 2 is 4.";
    public const string Summary = "Paris is sunny at 18 degrees, Rome clear at 21; Oslo could not be checked.";
    public const string ImageAnswer = "A single pixel.";
    public const string Counted = "1, 2, 3, ";
    public const string CutShort = "Once upon a";
    public const string Reasoning = "The user greets me; I greet back.";
    public const string CallsText = "I'll check both cities.";

    public static ReplyCall Paris { get; } = new(MessagesRequests.ToolName, """{"city":"Paris"}""");

    public static ReplyCall Rome { get; } = new(MessagesRequests.ToolName, """{"city":"Rome"}""");

    public static Reply For(MessagesScenario scenario) => scenario switch
    {
        MessagesScenario.MultiTurn => new(null, Sum, [], ReplyStop.EndTurn, 31, 8),
        MessagesScenario.OneTool or MessagesScenario.ForcedTool => new(null, null, [Paris], ReplyStop.ToolUse, 384, 51),
        MessagesScenario.ParallelTools => new(null, CallsText, [Paris, Rome], ReplyStop.ToolUse, 377, 65),
        MessagesScenario.ToolResults => new(null, Summary, [], ReplyStop.EndTurn, 512, 24),
        MessagesScenario.ImageBase64 or MessagesScenario.ImageUrl => new(null, ImageAnswer, [], ReplyStop.EndTurn, 90, 5),
        MessagesScenario.StopSequence => new(null, Counted, [], ReplyStop.StopSequence, 18, 7),
        MessagesScenario.MaxTokens => new(null, CutShort, [], ReplyStop.MaxTokens, 12, MessagesRequests.SmallMaxTokens),
        MessagesScenario.Thinking => new(Reasoning, Greeting, [], ReplyStop.EndTurn, 14, 40),
        _ => new(null, Greeting, [], ReplyStop.EndTurn, 25, 9),
    };
}
