using System.Text.Json.Nodes;
using static Gateway.Tests.Parity.Messages.MessagesReplies;
using static Gateway.Tests.Parity.Messages.MessagesRequests;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// What every upstream must have been asked in each scenario, in protocol-independent terms: the system prompt, the turns in order,
/// the tools, the limit and the schema. One expectation per scenario holds for all five backends.
/// </summary>
internal static class UpstreamExpectations
{
    /// <param name="second">The request is a chained scenario's second turn.</param>
    /// <param name="callId">The call id the client read in the first turn and answered in the second.</param>
    public static void AssertAsked(ResponsesBackend backend, ResponsesScenario scenario, bool second, bool stream, string? callId, UpstreamView seen)
    {
        var (system, turns) = Conversation(backend, scenario, second, callId);
        Assert.Equal(system, seen.System);
        Assert.Equal(turns.Select(t => t.ToString()), seen.Turns.Select(t => t.ToString()));
        Assert.Equal(stream, seen.Stream);

        var offersTool = scenario is ResponsesScenario.FunctionCall or ResponsesScenario.FunctionOutput or ResponsesScenario.FunctionOutputReplayed
            or ResponsesScenario.ParallelCalls;
        Assert.Equal(offersTool ? [$"{ToolName} {ToolDescription} {Compact(ToolSchema)}"] : [], seen.Tools.Select(t => $"{t.Name} {t.Description} {t.Parameters}"));

        if (scenario == ResponsesScenario.MaxOutputTokens)
        {
            Assert.Equal(ResponsesRequests.SmallLimit, seen.MaxTokens);
        }

        var json = scenario == ResponsesScenario.JsonSchema;
        Assert.Equal(json ? Compact(ResponsesRequests.Schema) : null, seen.Schema);
        Assert.Equal(json && backend.NamesSchema ? ResponsesRequests.SchemaName : null, seen.SchemaName);
    }

    private static (string? System, List<UpstreamTurn> Turns) Conversation(ResponsesBackend backend, ResponsesScenario scenario, bool second, string? callId)
    {
        var user = UpstreamTurn.Say("user", Question);
        return (scenario, second) switch
        {
            (ResponsesScenario.Instructions or ResponsesScenario.MultiTurn, false) => (ResponsesRequests.Instructions, [user]),
            (ResponsesScenario.MultiTurn, true) => (null, [user, UpstreamTurn.Say("assistant", Greeting), UpstreamTurn.Say("user", FollowUp)]), // instructions are per call
            (ResponsesScenario.FunctionCall or ResponsesScenario.FunctionOutput or ResponsesScenario.ParallelCalls, false) => (null, [UpstreamTurn.Say("user", WeatherQuestion)]),
            (ResponsesScenario.FunctionOutput, true) => (null, CallAndResult(backend, callId)),
            (ResponsesScenario.FunctionOutputReplayed, _) => (null, CallAndResult(backend, ResponsesRequests.ReplayedCallId)),
            (ResponsesScenario.Image, _) => (null, [new UpstreamTurn("user", ImageQuestion, [PngBase64], [])]),
            (ResponsesScenario.JsonSchema, _) => (null, [UpstreamTurn.Say("user", ResponsesRequests.SchemaQuestion)]),
            (ResponsesScenario.MaxOutputTokens, _) => (null, [UpstreamTurn.Say("user", "Tell me a story.")]),
            _ => (null, [user]),
        };
    }

    /// <summary>The question, the assistant's call and its result, joined by the call's id (by the tool's name where there are no ids).</summary>
    private static List<UpstreamTurn> CallAndResult(ResponsesBackend backend, string? callId) =>
    [
        UpstreamTurn.Say("user", WeatherQuestion),
        new UpstreamTurn("assistant", "", [], [new UpstreamCall(backend.CarriesCallIds ? callId : null, ToolName, Compact(Paris.Arguments))]),
        new UpstreamTurn("tool", ParisResult, [], [], backend.CarriesCallIds ? callId : ToolName),
    ];

    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();
}
