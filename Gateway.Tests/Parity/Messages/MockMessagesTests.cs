using Gateway.Tests.Harness;

namespace Gateway.Tests.Parity.Messages;

/// <summary>
/// The built-in mock as a row of the <c>/v1/messages</c> matrix: its greeting quoting the last user turn, whole and streamed, cut at
/// <c>max_tokens</c> (one token per word), and its failure on demand, all in Anthropic's shapes as the SDK reads them.
/// </summary>
public sealed class MockMessagesTests(MockMessagesTests.MockGateway mock) : IClassFixture<MockMessagesTests.MockGateway>
{
    private const string Config = """
        llm:
          backend: mock
          global_defaults: {max_retries: 0}
          mock:
            models: {generator: "mock-chat"}
            fail_on_text: "#fail"
        """;

    private string Url => mock.Gateway.Url;

    public static TheoryData<string, MessagesScenario> Cells()
    {
        var data = new TheoryData<string, MessagesScenario>();
        foreach (var mode in (string[])["whole", "stream"])
        {
            foreach (var scenario in (MessagesScenario[])[MessagesScenario.PlainText, MessagesScenario.SystemBlocks, MessagesScenario.MultiTurn, MessagesScenario.MaxTokens])
            {
                data.Add(mode, scenario);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Messages_MockBackend_SdkReadsItsGreetingAsOneTextBlock(string mode, MessagesScenario scenario)
    {
        var request = MessagesRequests.For(scenario);

        var seen = await MessagesClient.RunAsync(Url, request, mode == "stream");

        Assert.True(seen.ErrorType is null, seen.ErrorMessage);
        var text = Assert.Single(seen.Blocks);
        Assert.Equal("text", text.Kind);
        if (scenario == MessagesScenario.MaxTokens)
        {
            Assert.Equal("Hello from the gateway's mock", text.Content); // its first five words
            Assert.Equal("max_tokens", seen.StopReason);
            Assert.Equal(MessagesRequests.SmallMaxTokens, seen.OutputTokens);
        }
        else
        {
            var lastUser = scenario == MessagesScenario.MultiTurn ? MessagesRequests.FollowUp : MessagesRequests.Question;
            Assert.StartsWith("Hello from the gateway's mock backend 'mock'", text.Content, StringComparison.Ordinal);
            Assert.EndsWith($"You wrote: {lastUser}", text.Content, StringComparison.Ordinal);
            Assert.Equal("end_turn", seen.StopReason);
            Assert.Equal(text.Content.Split(' ').Length, seen.OutputTokens);
        }

        Assert.True(seen.InputTokens > 0);
        Assert.Null(seen.StopSequence);
        Assert.True(seen.Stopped);
        Assert.Equal("true", seen.Headers?.GetValues("x-gateway-mock").Single());
    }

    [Theory]
    [InlineData("whole")]
    [InlineData("stream")]
    public async Task Messages_MockFailsOnDemand_SdkRaisesAnthropicError(string mode)
    {
        var request = MessagesRequests.For(MessagesScenario.PlainText) with
        {
            Messages = [new Anthropic.Models.Messages.UserMessageParam { Content = "Please #fail" }],
        };

        var seen = await MessagesClient.RunAsync(Url, request, mode == "stream");

        Assert.NotNull(seen.ErrorStatus);
        Assert.True(seen.ErrorStatus >= 500, $"HTTP {seen.ErrorStatus}");
        Assert.NotNull(seen.ErrorType);
        Assert.Contains("fail_on_text '#fail'", seen.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>One gateway serving the mock for every cell.</summary>
    public sealed class MockGateway : IAsyncLifetime
    {
        private TestGateway? _gateway;

        internal TestGateway Gateway => _gateway ?? throw new InvalidOperationException("not started");

        public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync(Config);

        public async Task DisposeAsync() => await Gateway.DisposeAsync();
    }
}
