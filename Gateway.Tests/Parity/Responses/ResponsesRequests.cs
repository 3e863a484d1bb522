#pragma warning disable OPENAI001 // the Responses client is marked experimental
using OpenAI.Responses;
using static Gateway.Tests.Parity.Messages.MessagesRequests;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// The requests of the <c>/v1/responses</c> matrix, built with the official OpenAI SDK's Responses types as an application would. The
/// question, the weather tool and its results are the Messages matrix's (<see cref="Messages.MessagesRequests"/>).
/// </summary>
internal static class ResponsesRequests
{
    public const string Model = "generator";
    public const string Instructions = "You are a terse assistant.";
    public const string SchemaQuestion = "Greet me as JSON.";
    public const string SchemaName = "greeting";
    public const string Schema = """{"type":"object","properties":{"greeting":{"type":"string"}},"required":["greeting"],"additionalProperties":false}""";
    public const int SmallLimit = 5;

    /// <summary>The id of the call <see cref="ResponsesScenario.FunctionOutputReplayed"/> replays, as an earlier answer gave it.</summary>
    public const string ReplayedCallId = "call_S2X9KuEJpYvFcF4hgv1XwM0j";

    /// <summary>The request of the scenario's first (or only) turn.</summary>
    public static CreateResponseOptions First(ResponsesScenario scenario) => scenario switch
    {
        ResponsesScenario.Instructions or ResponsesScenario.MultiTurn => With(Ask(Question), r => r.Instructions = Instructions),
        ResponsesScenario.FunctionCall or ResponsesScenario.FunctionOutput or ResponsesScenario.ParallelCalls => WithTool(Ask(WeatherQuestion)),
        ResponsesScenario.FunctionOutputReplayed => WithTool(new CreateResponseOptions(Model,
        [
            ResponseItem.CreateUserMessageItem(WeatherQuestion),
            ResponseItem.CreateFunctionCallItem(ReplayedCallId, ToolName, BinaryData.FromString(Messages.MessagesReplies.Paris.Arguments)),
            ResponseItem.CreateFunctionCallOutputItem(ReplayedCallId, ParisResult),
        ])),
        ResponsesScenario.Image => Ask(ResponseItem.CreateUserMessageItem(
        [
            ResponseContentPart.CreateInputTextPart(ImageQuestion),
            ResponseContentPart.CreateInputImagePart(new Uri($"data:image/png;base64,{PngBase64}"), null),
        ])),
        ResponsesScenario.JsonSchema => With(Ask(SchemaQuestion), r => r.TextOptions = new ResponseTextOptions
        {
            TextFormat = ResponseTextFormat.CreateJsonSchemaFormat(SchemaName, BinaryData.FromString(Schema), null, true),
        }),
        ResponsesScenario.MaxOutputTokens => With(Ask("Tell me a story."), r => r.MaxOutputTokenCount = SmallLimit),
        ResponsesScenario.Reasoning => With(Ask(Question), r => r.ReasoningOptions = new ResponseReasoningOptions
        {
            ReasoningEffortLevel = ResponseReasoningEffortLevel.Low,
            ReasoningSummaryVerbosity = ResponseReasoningSummaryVerbosity.Auto,
        }),
        _ => Ask(Question),
    };

    /// <summary>The second turn of a chained scenario, continuing <paramref name="previousId"/>; <paramref name="callId"/> is the call it answers.</summary>
    public static CreateResponseOptions Next(ResponsesScenario scenario, string previousId, string? callId) => scenario switch
    {
        ResponsesScenario.MultiTurn => With(Ask(FollowUp), r => r.PreviousResponseId = previousId),
        ResponsesScenario.FunctionOutput => With(WithTool(Ask(ResponseItem.CreateFunctionCallOutputItem(callId!, ParisResult))), r => r.PreviousResponseId = previousId),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "a one-turn scenario"),
    };

    /// <summary>The scenario's cell takes two turns, the second naming the first by <c>previous_response_id</c>.</summary>
    public static bool Chained(ResponsesScenario scenario) => scenario is ResponsesScenario.MultiTurn or ResponsesScenario.FunctionOutput;

    private static CreateResponseOptions Ask(string text) => Ask(ResponseItem.CreateUserMessageItem(text));

    private static CreateResponseOptions Ask(ResponseItem item) => new(Model, [item]);

    private static CreateResponseOptions WithTool(CreateResponseOptions request) =>
        With(request, r => r.Tools.Add(ResponseTool.CreateFunctionTool(ToolName, BinaryData.FromString(ToolSchema), false, ToolDescription)));

    private static CreateResponseOptions With(CreateResponseOptions request, Action<CreateResponseOptions> set)
    {
        set(request);
        return request;
    }
}
