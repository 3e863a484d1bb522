using System.ClientModel;
using System.Net;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;
using Serilog.Events;

namespace Gateway.Tests.Observability;

public sealed class LoggingTests
{
    private const string UpstreamKey = "sk-proj-KNOWN-UPSTREAM-KEY-4f9c1e";
    private const string ClientKey = "client-secret-KNOWN-7d2b90";
    private const string Prompt = "PROMPT-TEXT-never-log-me-3a7e";

    private static string Config(StubUpstream openai) => $$"""
        llm:
          backend: openai
          global_defaults: {max_retries: 0}
          openai:
            base_url: "{{openai.Url}}/v1"
            api_key: "{{UpstreamKey}}"
            models:
              generator: "gpt-4o"
        pricing:
          gpt-4o: {input_per_million: 2.5, output_per_million: 10}
        """;

    [Fact]
    public async Task Logs_KnownKeysAndPromptThroughSuccessesAndFailures_NeverAppearAboveTrace()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.ExpectedApiKey = UpstreamKey;
        await using var gateway = await TestGateway.For(
            Config(openai)).WithVariable("CODE_EVOLVER_DEBUG", "1").LogAt(LogLevel.Trace).StartAsync();
        var chat = gateway.OpenAI(ClientKey).GetChatClient("generator");

        await chat.CompleteChatAsync([new UserChatMessage(Prompt)]);
        await foreach (var _ in chat.CompleteChatStreamingAsync([new UserChatMessage(Prompt)]))
        {
        }

        openai.Enqueue(StubResponse.Json(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{UpstreamKey}}}.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""));
        await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage(Prompt)]));
        openai.Enqueue(StubResponse.Json(500, """{"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}"""));
        using var failing = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = OllamaChatTests.Json($$$"""{"model":"generator","messages":[{"role":"user","content":"{{{Prompt}}}"}]}"""),
        };
        failing.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ClientKey);
        using var failed = await gateway.Http.SendAsync(failing);
        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        using var malformed = await gateway.Http.PostAsync("/v1/chat/completions", OllamaChatTests.Json($$$"""{"model":"generator","messages":[{"role":"user","content":"{{{Prompt}}}"}],"temperature":"hot"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        Assert.Equal(5, (await gateway.Logs.CompletionLinesAsync("/v1/chat/completions", 5)).Count);
        var logged = gateway.Logs.Events.Where(e => e.Level > LogEventLevel.Verbose).Select(LogCapture.Text).ToList();
        Assert.Contains(logged, text => text.Contains("Served by", StringComparison.Ordinal));
        Assert.Contains(logged, text => text.Contains("Incorrect API key provided: [redacted]", StringComparison.Ordinal));
        Assert.All(logged, text =>
        {
            Assert.DoesNotContain(UpstreamKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(ClientKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Prompt, text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task CompletionLine_ServedChat_NamesWhereItWentWhatItUsedAndCost()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.For(Config(openai)).LogAt(LogLevel.Trace).StartAsync();

        await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("hi")]);

        var line = Assert.Single(await gateway.Logs.CompletionLinesAsync("/v1/chat/completions"));
        Assert.Equal(LogEventLevel.Information, line.Level);
        Assert.Equal("POST", LogCapture.Property(line, "Method"));
        Assert.Equal("200", LogCapture.Property(line, "StatusCode"));
        Assert.Equal("ok", LogCapture.Property(line, "Outcome"));
        Assert.Equal("openai", LogCapture.Property(line, "Backend"));
        Assert.Equal("gpt-4o", LogCapture.Property(line, "Model"));
        Assert.Equal(new Uri(openai.Url).Authority, LogCapture.Property(line, "EndpointHost"));
        Assert.Equal("1", LogCapture.Property(line, "Attempts"));
        Assert.Equal("19", LogCapture.Property(line, "PromptTokens"));
        Assert.Equal("10", LogCapture.Property(line, "CompletionTokens"));
        Assert.Equal("0.0001475", LogCapture.Property(line, "CostUsd"));
        Assert.Equal("127.0.0.1", LogCapture.Property(line, "Client"));
        Assert.True(double.Parse(LogCapture.Property(line, "DurationMs"), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", false)]
    [InlineData("0", false)]
    public async Task DebugVariable_OnlyOneTurnsOnDebug(string value, bool debugExpected)
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.For(
            Config(openai)).WithVariable("CODE_EVOLVER_DEBUG", value).LogAt(LogLevel.Trace).StartAsync();

        await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.NotEmpty(await gateway.Logs.CompletionLinesAsync("/v1/chat/completions"));
        Assert.Equal(debugExpected, gateway.Logs.Events.Any(e => e.Level == LogEventLevel.Debug));
    }

    [Fact]
    public async Task CompletionLine_HealthProbe_LoggedAtDebugOnly()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.For(
            Config(openai)).WithVariable("CODE_EVOLVER_DEBUG", "1").LogAt(LogLevel.Trace).StartAsync();

        using var health = await gateway.Http.GetAsync("/health");

        Assert.Equal(LogEventLevel.Debug, Assert.Single(await gateway.Logs.CompletionLinesAsync("/health")).Level);
    }
}
