using System.Text.Json.Nodes;
using Gateway.Tests.Parity.Messages;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// The <c>/v1/responses</c> parity matrix: every backend × {whole, streamed} × every scenario, driven by the official OpenAI .NET
/// SDK's Responses client against the gateway, each stand-in answering in its own protocol. Each cell asserts what the upstream was
/// asked (<see cref="UpstreamExpectations"/>) and what the application read back: output items, call ids, status and usage.
/// </summary>
[Collection(ResponsesCollection.Name)]
public sealed class ResponsesMatrixTests(ResponsesFixture fixture)
{
    public static TheoryData<string, string, ResponsesScenario> Matrix() => Cells(chained: false);

    /// <summary>The scenarios that continue a stored response by <c>previous_response_id</c>.</summary>
    public static TheoryData<string, string, ResponsesScenario> ChainedMatrix() => Cells(chained: true);

    private static bool IsChained(ResponsesScenario scenario) => scenario is ResponsesScenario.MultiTurn or ResponsesScenario.FunctionOutput;

    private static TheoryData<string, string, ResponsesScenario> Cells(bool chained)
    {
        var data = new TheoryData<string, string, ResponsesScenario>();
        foreach (var backend in ResponsesBackend.All)
        {
            foreach (var mode in (string[])["whole", "stream"])
            {
                foreach (var scenario in Enum.GetValues<ResponsesScenario>().Where(s => backend.Covers(s) && IsChained(s) == chained))
                {
                    data.Add(backend.Name, mode, scenario);
                }
            }
        }

        return data;
    }

    [Theory(Skip = ResponsesStore.NotServedYet)]
    [MemberData(nameof(ChainedMatrix))]
    public Task Responses_AnyBackendModeAndChainedScenario_TheUpstreamGetsTheWholeConversation(string backendName, string mode, ResponsesScenario scenario) =>
        Responses_AnyBackendModeAndScenario_SdkReadsTheResponseAndUpstreamGetsItsOwnProtocol(backendName, mode, scenario);

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Responses_AnyBackendModeAndScenario_SdkReadsTheResponseAndUpstreamGetsItsOwnProtocol(string backendName, string mode, ResponsesScenario scenario)
    {
        var backend = ResponsesBackend.Named(backendName);
        var stream = mode == "stream";
        var (stub, gateway) = fixture.For(backend);
        var before = stub.RequestCount;
        var refusal = scenario == ResponsesScenario.UpstreamRefusal ? backend.Refusal(stream) : null;
        var first = ResponsesReplies.First(scenario);
        stub.Responder = Answer(refusal?.Response ?? backend.Render(first, stream));

        var seen = await ResponsesClient.RunAsync(gateway.Url, ResponsesRequests.First(scenario), stream);

        AssertReached(stub, before + 1, seen);
        UpstreamExpectations.AssertAsked(backend, scenario, second: false, stream, null, backend.Read(stub.Requests[^1]));
        if (refusal?.Expected is { } error)
        {
            Assert.Equal(error.ErrorStatus, seen.ErrorStatus);
            Assert.Equal(error.ErrorCode, seen.Error?.Code);
            Assert.Contains(error.ErrorPhrase!, seen.Error?.Message, StringComparison.Ordinal);
            return;
        }

        AssertSeen(backend, scenario, first, stream, seen);
        if (!ResponsesRequests.Chained(scenario))
        {
            return;
        }

        var callId = seen.Items.FirstOrDefault(item => item.Kind == "function_call")?.CallId;
        var next = ResponsesReplies.Next(scenario);
        stub.Responder = Answer(backend.Render(next, stream));

        var followed = await ResponsesClient.RunAsync(gateway.Url, ResponsesRequests.Next(scenario, seen.Id!, callId), stream);

        AssertReached(stub, before + 2, followed);
        UpstreamExpectations.AssertAsked(backend, scenario, second: true, stream, callId, backend.Read(stub.Requests[^1]));
        AssertSeen(backend, scenario, next, stream, followed);
        Assert.NotEqual(seen.Id, followed.Id);
    }

    /// <summary>The items, status and usage the SDK must have read of <paramref name="reply"/>, and a stream's numbering.</summary>
    internal static void AssertSeen(ResponsesBackend backend, ResponsesScenario scenario, Reply reply, bool stream, ResponsesView seen)
    {
        seen.AssertAnswered();
        var cut = reply.Stop == ReplyStop.MaxTokens;
        var expected = new List<SeenItem>();
        if (reply.Thinking is { } thinking)
        {
            expected.Add(new SeenItem("reasoning", thinking));
        }

        if (reply.Text is { } text)
        {
            expected.Add(new SeenItem("message", text, Status: cut ? "incomplete" : "completed"));
        }

        expected.AddRange(reply.Calls.Select((call, i) => new SeenItem("function_call", Compact(call.Arguments), backend.CallId(i), call.Name, "completed")));
        Assert.Equal(expected.Select(item => item with { CallId = null }), seen.Items.Select(item => item with { CallId = null }));
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i].Kind == "function_call" && expected[i].CallId is null)
            {
                Assert.StartsWith("call_", seen.Items[i].CallId, StringComparison.Ordinal); // the backend gives none; the gateway makes one
            }
            else
            {
                Assert.Equal(expected[i].CallId, seen.Items[i].CallId);
            }
        }

        var callIds = seen.Items.Where(item => item.Kind == "function_call").Select(item => item.CallId).ToList();
        Assert.Equal(callIds.Count, callIds.Distinct().Count());
        Assert.Equal((cut ? "incomplete" : "completed", cut ? "max_output_tokens" : null), (seen.Status, seen.IncompleteReason));
        Assert.Equal((reply.InputTokens, reply.OutputTokens, reply.InputTokens + reply.OutputTokens), seen.Usage);
        Assert.StartsWith("resp_", seen.Id, StringComparison.Ordinal);
        if (stream)
        {
            Assert.Equal(Enumerable.Range(0, seen.Sequence.Count), seen.Sequence);
            Assert.Equal(1, seen.Terminals);
        }

        // The SDK sends only what these requests say; a translation leaves out nothing but the reasoning it cannot ask for.
        var ignored = seen.Header("x-gateway-ignored");
        Assert.Equal(scenario == ResponsesScenario.Reasoning && backend.Name != "openai" ? "reasoning" : null, ignored);
    }

    /// <summary>The upstream has had <paramref name="count"/> requests; when it has not, what the SDK was answered instead.</summary>
    internal static void AssertReached(StubUpstream stub, int count, ResponsesView seen) =>
        Assert.True(stub.RequestCount == count, $"the upstream had {stub.RequestCount} requests, not {count}; the SDK got HTTP {seen.ErrorStatus} {seen.Error}");

    /// <summary>
    /// The stand-in's answer to every request until the next cell sets its own: a cell the gateway fails before it reaches the
    /// upstream leaves nothing queued for the cells after it.
    /// </summary>
    internal static Func<RecordedRequest, StubResponse?> Answer(StubResponse response) => _ => response;

    private static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();
}
