namespace Gateway.Tests.Parity.Messages;

/// <summary>
/// The <c>/v1/messages</c> parity matrix: every backend × {whole, streamed} × every scenario, driven by the official Anthropic .NET
/// SDK against the gateway, each stub upstream answering in its own protocol. Each cell asserts what the upstream received in its
/// protocol and what the application read back: blocks, ids, stop reason and usage. Shares the chat matrix's gateways.
/// </summary>
[Collection(ParityCollection.Name)]
public sealed class MessagesMatrixTests(ParityFixture fixture)
{
    public static TheoryData<string, string, MessagesScenario> Matrix()
    {
        var data = new TheoryData<string, string, MessagesScenario>();
        foreach (var backend in MessagesBackend.All)
        {
            foreach (var mode in (string[])["whole", "stream"])
            {
                foreach (var scenario in Enum.GetValues<MessagesScenario>())
                {
                    if (backend.Covers(scenario, mode == "stream"))
                    {
                        data.Add(backend.Name, mode, scenario);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Messages_AnyBackendModeAndScenario_SdkReadsAnthropicShapesAndUpstreamGetsItsOwnProtocol(string backendName, string mode, MessagesScenario scenario)
    {
        var backend = MessagesBackend.Named(backendName);
        var stream = mode == "stream";
        var (stub, gateway) = fixture.For(backend.Parity);
        var reply = MessagesReplies.For(scenario);
        var refusal = scenario == MessagesScenario.UpstreamRefusal ? backend.Refusal() : null;
        var reachesUpstream = scenario != MessagesScenario.ImageUrl || backend.TakesImageUrls;
        var before = stub.RequestCount;
        if (reachesUpstream)
        {
            stub.Enqueue(refusal?.Response ?? backend.Render(reply, stream));
        }

        var seen = await MessagesClient.RunAsync(gateway.Url, MessagesRequests.For(scenario), stream);

        Assert.Equal(0, stub.PendingResponses);
        if (!reachesUpstream)
        {
            Assert.Equal(before, stub.RequestCount);
            AssertError(seen, 400, "invalid_request_error", "image_url");
            Assert.Contains("cannot fetch images by URL", seen.ErrorMessage, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(before + 1, stub.RequestCount);
        backend.AssertRequest(scenario, stream, stub.Requests[^1]);
        if (refusal is not null)
        {
            AssertError(seen, refusal.Status, refusal.ErrorType, refusal.Phrase);
            return;
        }

        AssertSeen(backend, reply, stream, seen);
        if (scenario != MessagesScenario.Thinking)
        {
            // Everything these requests say is translated: nothing is named as left out.
            Assert.False(seen.Headers!.TryGetValues("x-gateway-ignored", out var ignored), $"x-gateway-ignored: {string.Join(", ", ignored ?? [])}");
        }
    }

    private static void AssertError(MessagesView seen, int status, string type, string phrase)
    {
        Assert.Equal(status, seen.ErrorStatus);
        Assert.Equal(type, seen.ErrorType);
        Assert.Contains(phrase, seen.ErrorMessage, StringComparison.Ordinal);
    }

    private static void AssertSeen(MessagesBackend backend, Reply reply, bool stream, MessagesView seen)
    {
        Assert.True(seen.ErrorStatus is null && seen.ErrorType is null, $"the SDK raised {seen.ErrorStatus} {seen.ErrorType}: {seen.ErrorMessage}");
        var expected = new List<SeenBlock>();
        if (reply.Thinking is { } thinking)
        {
            expected.Add(new SeenBlock("thinking", thinking));
        }

        if (reply.Text is { } text)
        {
            expected.Add(new SeenBlock("text", text));
        }

        expected.AddRange(reply.Calls.Select((call, i) => new SeenBlock("tool_use", call.Arguments, backend.CallId(i), call.Name)));
        Assert.Equal(expected.Select(b => b.Kind), seen.Blocks.Select(b => b.Kind));
        for (var i = 0; i < expected.Count; i++)
        {
            var (want, got) = (expected[i], seen.Blocks[i]);
            if (want.Kind == "tool_use")
            {
                JsonAssert.SameJson(want.Content, got.Content);
                Assert.Equal(want.Name, got.Name);
                if (want.Id is null)
                {
                    Assert.StartsWith("call_", got.Id, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal(want.Id, got.Id);
                }
            }
            else
            {
                Assert.Equal(want.Content, got.Content);
            }
        }

        var ids = seen.Blocks.Where(b => b.Kind == "tool_use").Select(b => b.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());

        var sequence = reply.Stop == ReplyStop.StopSequence && backend.ReportsStopSequence(stream);
        Assert.Equal(
            reply.Stop switch
            {
                ReplyStop.MaxTokens => "max_tokens",
                ReplyStop.ToolUse => "tool_use",
                ReplyStop.StopSequence when sequence => "stop_sequence",
                _ => "end_turn",
            },
            seen.StopReason);
        Assert.Equal(sequence ? MessagesRequests.StopSequence : null, seen.StopSequence);
        Assert.Equal((reply.InputTokens, reply.OutputTokens), ((int)seen.InputTokens, (int)seen.OutputTokens));
        Assert.StartsWith("msg_", seen.Id, StringComparison.Ordinal);
        Assert.True(seen.Stopped, "the stream ended without message_stop");
    }
}
