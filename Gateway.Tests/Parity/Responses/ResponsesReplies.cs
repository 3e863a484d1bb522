using Gateway.Tests.Parity.Messages;
using static Gateway.Tests.Parity.Messages.MessagesReplies;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// The model's answer in each cell, protocol-independent (the Messages matrix's <see cref="Reply"/>): each backend renders it in its
/// own wire shapes, and the SDK must read it back as the same output items, status and usage.
/// </summary>
internal static class ResponsesReplies
{
    public const string JsonAnswer = """{"greeting":"Hello!"}""";

    /// <summary>The answer to the scenario's first (or only) turn.</summary>
    public static Reply First(ResponsesScenario scenario) => scenario switch
    {
        ResponsesScenario.FunctionCall or ResponsesScenario.FunctionOutput => new(null, null, [Paris], ReplyStop.ToolUse, 384, 51),
        ResponsesScenario.ParallelCalls => new(null, null, [Paris, Rome], ReplyStop.ToolUse, 377, 65),
        ResponsesScenario.FunctionOutputReplayed => Next(ResponsesScenario.FunctionOutput),
        ResponsesScenario.Image => new(null, ImageAnswer, [], ReplyStop.EndTurn, 90, 5),
        ResponsesScenario.JsonSchema => new(null, JsonAnswer, [], ReplyStop.EndTurn, 40, 7),
        ResponsesScenario.MaxOutputTokens => new(null, CutShort, [], ReplyStop.MaxTokens, 12, ResponsesRequests.SmallLimit),
        ResponsesScenario.Reasoning => new(MessagesReplies.Reasoning, Greeting, [], ReplyStop.EndTurn, 14, 40),
        _ => new(null, Greeting, [], ReplyStop.EndTurn, 25, 9),
    };

    /// <summary>The answer to a chained scenario's second turn.</summary>
    public static Reply Next(ResponsesScenario scenario) => scenario switch
    {
        ResponsesScenario.FunctionOutput => new(null, Summary, [], ReplyStop.EndTurn, 512, 24),
        _ => new(null, Sum, [], ReplyStop.EndTurn, 31, 8),
    };
}
