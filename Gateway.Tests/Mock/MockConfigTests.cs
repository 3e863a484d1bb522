using Gateway.Configuration;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Mock;

/// <summary>The <c>mock</c> and <c>mock_fallback</c> sections: their defaults, their own keys, and the errors bad values draw.</summary>
public sealed class MockConfigTests
{
    [Fact]
    public void Parse_EmptyMockSection_AnswersPromptlyAndNeverFails()
    {
        var config = Parse("llm:\n  mock: {}\n");

        var mock = config.Llm.Backends["mock"];
        Assert.Equal(BackendKind.Mock, mock.Kind);
        Assert.Equal("mock", config.Llm.Backend);
        Assert.Equal("http://mock.invalid/mock", mock.BaseUrl);
        Assert.False(mock.RequiresApiKey);
        var settings = Assert.IsType<MockSettings>(mock.Mock);
        Assert.Null(settings.Reply);
        Assert.Equal(TimeSpan.Zero, settings.Latency);
        Assert.Equal(TimeSpan.Zero, settings.ChunkDelay);
        Assert.Equal(16, settings.EmbeddingDimensions);
        Assert.Equal(0, settings.FailRate);
        Assert.Equal(0, settings.FailFirstN);
        Assert.Equal(503, settings.FailStatus);
        Assert.Null(settings.FailOnText);
    }

    [Fact]
    public void Parse_EveryMockKey_IsRead()
    {
        var config = Parse("""
            llm:
              mock:
                models: {generator: "mock-chat"}
                embedding_model: "mock-embedding"
                context_windows: {mock-chat: 4096}
                reply: "Fixed answer"
                latency_ms: 250
                chunk_delay_ms: 20
                embedding_dimensions: 8
                fail_rate: 0.25
                fail_status: 429
                fail_first_n: 2
                fail_on_text: "#fail"
            """);

        var mock = config.Llm.Backends["mock"];
        Assert.Equal("mock-chat", mock.Models["generator"]);
        Assert.Equal("mock-embedding", mock.EmbeddingModel);
        Assert.Equal(4096, mock.ContextWindowFor("mock-chat"));
        Assert.Equal(
            new MockSettings
            {
                Reply = "Fixed answer",
                Latency = TimeSpan.FromMilliseconds(250),
                ChunkDelay = TimeSpan.FromMilliseconds(20),
                EmbeddingDimensions = 8,
                FailRate = 0.25,
                FailStatus = 429,
                FailFirstN = 2,
                FailOnText = "#fail",
            },
            mock.Mock);
    }

    [Fact]
    public void Parse_MockFallbackSection_IsASecondMockUsableAsFallback()
    {
        var config = Parse("llm:\n  backend: mock\n  fallback_backends: [mock_fallback]\n  mock: {}\n  mock_fallback:\n    latency_ms: 5\n");

        var fallback = config.Llm.Backends["mock_fallback"];
        Assert.Equal("mock_fallback", fallback.Name);
        Assert.Equal(BackendKind.Mock, fallback.Kind);
        Assert.Equal("http://mock.invalid/mock_fallback", fallback.BaseUrl);
        Assert.Equal(TimeSpan.FromMilliseconds(5), fallback.Mock!.Latency);
        Assert.Equal(["mock_fallback"], config.Llm.FallbackBackends);
    }

    [Theory]
    [InlineData("latency_ms: -1", "3:17: llm.mock.latency_ms: expected a whole number from 0 to 600000, found '-1'")]
    [InlineData("chunk_delay_ms: fast", "3:21: llm.mock.chunk_delay_ms: expected a whole number from 0 to 600000, found 'fast'")]
    [InlineData("fail_rate: 1.5", "3:16: llm.mock.fail_rate: expected a number from 0 to 1, found '1.5'")]
    [InlineData("fail_status: 200", "3:18: llm.mock.fail_status: expected a whole number from 400 to 599, found '200'")]
    [InlineData("fail_first_n: 2.5", "3:19: llm.mock.fail_first_n: expected a whole number of at least 0, found '2.5'")]
    [InlineData("embedding_dimensions: 0", "3:27: llm.mock.embedding_dimensions: expected a whole number from 1 to 4096, found '0'")]
    public void Parse_BadMockValue_SaysWhatWasExpectedAtItsPosition(string line, string expected)
    {
        var message = ParseError($"llm:\n  mock:\n    {line}\n");

        Assert.Contains($"{Source}:{expected}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownMockKey_ListsTheMockKeys()
    {
        var message = ParseError("llm:\n  mock:\n    base_url: \"http://localhost\"\n");

        Assert.Contains(
            "test.yaml:3:5: llm.mock: unknown key 'base_url'; valid keys: models, context_windows, max_output_tokens, embedding_model, reply, latency_ms, chunk_delay_ms, "
            + "embedding_dimensions, fail_rate, fail_status, fail_first_n, fail_on_text",
            message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigExample_MockBlockUncommented_LoadsAsDocumented()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "config", "config.example.yaml"));
        var start = Array.IndexOf(lines, "  # mock:");
        Assert.True(start > 0, "config.example.yaml has no commented-out 'mock:' block");
        var block = lines.Skip(start).TakeWhile(line => line.StartsWith("  # ", StringComparison.Ordinal)).Select(line => "  " + line[4..]);

        var config = Parse("llm:\n" + string.Join("\n", block) + "\n");

        var mock = config.Llm.Backends["mock"];
        Assert.Equal("mock-chat", mock.Models["generator"]);
        Assert.Equal("mock-embedding", mock.EmbeddingModel);
        Assert.Equal("#fail", mock.Mock!.FailOnText);
        Assert.Equal(TimeSpan.FromMilliseconds(200), mock.Mock.Latency);
        Assert.Equal("mock-chat-backup", config.Llm.Backends["mock_fallback"].Models["generator"]);
        Assert.Empty(config.Warnings);
    }
}
