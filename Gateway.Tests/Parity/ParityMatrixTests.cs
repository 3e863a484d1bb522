using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>
/// The parity matrix: every backend × {non-stream, stream} × every scenario, driven by the official OpenAI .NET SDK against the gateway,
/// with each stub upstream answering with the reference payloads. Each cell asserts what the application sees and what the upstream
/// received in its own protocol.
/// </summary>
[Collection(ParityCollection.Name)]
public sealed class ParityMatrixTests(ParityFixture fixture)
{
    public static TheoryData<string, string, ParityScenario> Matrix()
    {
        var data = new TheoryData<string, string, ParityScenario>();
        foreach (var backend in ParityBackend.All)
        {
            foreach (var mode in (string[])["non-stream", "stream"])
            {
                foreach (var scenario in Enum.GetValues<ParityScenario>())
                {
                    data.Add(backend.Name, mode, scenario);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Chat_AnyBackendModeAndScenario_ClientSeesOpenAiBehaviourAndUpstreamGetsItsOwnProtocol(string backendName, string mode, ParityScenario scenario)
    {
        var backend = ParityBackend.Named(backendName);
        var stream = mode == "stream";
        var (stub, gateway) = fixture.For(backend);
        var answer = backend.Answer(scenario, stream);
        var before = stub.RequestCount;
        stub.Enqueue(answer.Response);

        var seen = await ParityClient.RunAsync(ParityClient.For(gateway.Url), scenario, stream);

        Assert.Equal(0, stub.PendingResponses);
        Assert.Equal(before + 1, stub.RequestCount);
        backend.AssertRequest(scenario, stream, stub.Requests[^1]);
        AssertSeen(answer.Expected, seen);
    }

    internal static void AssertSeen(ExpectedView expected, ClientView seen)
    {
        if (expected.ErrorStatus is { } status)
        {
            Assert.Equal(status, seen.ErrorStatus);
            Assert.Equal(expected.ErrorCode, seen.ErrorCode);
            Assert.Contains(expected.ErrorPhrase!, seen.ErrorMessage, StringComparison.Ordinal);
            return;
        }

        Assert.True(seen.ErrorStatus is null, $"the client got HTTP {seen.ErrorStatus}: {seen.ErrorMessage}");
        Assert.Equal(expected.Text, seen.Text);
        Assert.Equal(expected.Finish, seen.FinishReason);
        if (expected.ToolCall is { } call)
        {
            var toolCall = Assert.Single(seen.ToolCalls);
            if (call.Id is null)
            {
                Assert.StartsWith("call_", toolCall.Id, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(call.Id, toolCall.Id);
            }

            Assert.Equal(call.Name, toolCall.Name);
            JsonAssert.SameJson(call.Arguments, toolCall.Arguments);
        }
        else
        {
            Assert.Empty(seen.ToolCalls);
        }

        if (expected.Usage is { } usage)
        {
            Assert.NotNull(seen.Usage);
            Assert.Equal(usage.Input, seen.Usage.InputTokenCount);
            Assert.Equal(usage.Output, seen.Usage.OutputTokenCount);
            Assert.Equal(usage.Input + usage.Output, seen.Usage.TotalTokenCount);
        }
        else
        {
            Assert.Null(seen.Usage);
        }

        Assert.NotEmpty(seen.CompletionIds);
        Assert.All(seen.CompletionIds, id => Assert.Equal(seen.CompletionIds[0], id));
        Assert.False(string.IsNullOrEmpty(seen.CompletionIds[0]));
    }
}
