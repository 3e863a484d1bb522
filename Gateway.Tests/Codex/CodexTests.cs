using Gateway.Tests.ClaudeCode;
using Gateway.Tests.Upstreams;
using Xunit.Abstractions;

namespace Gateway.Tests.Codex;

/// <summary>
/// The real Codex CLI (<see cref="CodexInstall.Version"/>) completes turns through the gateway's <c>/v1/responses</c> over each backend:
/// a plain turn whose text comes from the backend's stand-in, and a turn of tool use, where the stand-in calls Codex's
/// <c>exec_command</c> to <c>cat</c> a file the test wrote in a scratch folder (under the read-only sandbox), Codex runs it and sends the
/// output back, and the stand-in's final text is what Codex reports. Both sides are checked: what Codex printed, and what the stand-in
/// received (the request as sent for OpenAI, a chat translation for the others). Everything stays on loopback.
/// </summary>
[Trait("Category", "Codex")]
public sealed class CodexTests(CodexFixture fixture, ITestOutputHelper output) : IClassFixture<CodexFixture>
{
    private const string PlainPrompt = "Say hello.";
    private const string ToolPrompt = "Show me what notes.txt says.";
    private const string Command = "cat notes.txt";
    private const string SystemPromptStart = "You are a coding agent running in the Codex CLI";

    [CodexFact]
    public Task PlainTurn_OverOpenAi_ReportsTheStandInsText() => PlainTurnAsync(UpstreamKind.OpenAI);

    [CodexFact]
    public Task PlainTurn_OverAzure_ReportsTheStandInsText() => PlainTurnAsync(UpstreamKind.Azure);

    [CodexFact]
    public Task PlainTurn_OverAnthropic_ReportsTheStandInsText() => PlainTurnAsync(UpstreamKind.Anthropic);

    [CodexFact]
    public Task PlainTurn_OverOllama_ReportsTheStandInsText() => PlainTurnAsync(UpstreamKind.Ollama);

    [CodexFact]
    public Task PlainTurn_OverLmStudio_ReportsTheStandInsText() => PlainTurnAsync(UpstreamKind.LMStudio);

    [CodexFact]
    public async Task PlainTurn_OverTheBuiltInMock_ReportsTheMocksAnswer()
    {
        var (run, inbound, _) = await RunAsync(null, "mock/generator", PlainPrompt, fixture.Folder("mock-work"));

        Assert.True(run.Completed, $"Codex failed: {run}");
        Assert.StartsWith("Hello from the gateway's mock backend 'mock' (model mock-chat).", Assert.Single(run.Messages), StringComparison.Ordinal);
        AssertInbound(inbound, "mock/generator", expected: 1);
    }

    [CodexFact]
    public Task ToolTurn_OverOpenAi_RunsTheCommandAndReportsTheFinalText() => ToolTurnAsync(UpstreamKind.OpenAI);

    [CodexFact]
    public Task ToolTurn_OverAnthropic_RunsTheCommandAndReportsTheFinalText() => ToolTurnAsync(UpstreamKind.Anthropic);

    [CodexFact]
    public Task ToolTurn_OverOllama_RunsTheCommandAndReportsTheFinalText() => ToolTurnAsync(UpstreamKind.Ollama);

    private async Task PlainTurnAsync(UpstreamKind kind)
    {
        var (_, turn) = fixture.For(kind);
        var model = $"{CodexFixture.BackendName(kind)}/generator";
        var (run, inbound, upstream) = await RunAsync(kind, model, PlainPrompt, fixture.Folder($"{kind}-plain-work"));

        Assert.True(run.Completed, $"Codex failed: {run}");
        Assert.Equal(turn.PlainText, Assert.Single(run.Messages));
        AssertInbound(inbound, model, expected: 1);
        AssertUpstream(kind, Assert.Single(upstream), PlainPrompt);
    }

    private async Task ToolTurnAsync(UpstreamKind kind)
    {
        var (_, turn) = fixture.For(kind);
        var model = $"{CodexFixture.BackendName(kind)}/generator";
        var work = fixture.Folder($"{kind}-tool-work");
        var secret = $"The passphrase over {kind} is {Guid.NewGuid():N}.";
        await File.WriteAllTextAsync(Path.Combine(work, "notes.txt"), $"Notes for the gateway test\n{secret}\n");

        turn.Command = Command;
        (CodexRun Run, InboundRequest[] Inbound, RecordedRequest[] Upstream) result;
        try
        {
            result = await RunAsync(kind, model, ToolPrompt, work);
        }
        finally
        {
            turn.Command = null;
        }

        var (run, inbound, upstream) = result;
        Assert.True(run.Completed, $"Codex failed: {run}");
        var command = Assert.Single(run.Commands);
        Assert.Contains(Command, CodexRun.Text(command, "command"), StringComparison.Ordinal);
        Assert.Contains(secret, CodexRun.Text(command, "aggregated_output"), StringComparison.Ordinal);
        Assert.Equal(turn.FinalText, run.Messages[^1]);

        AssertInbound(inbound, model, expected: 2);
        Assert.Equal(2, upstream.Length);
        Assert.Null(turn.ToolResult(upstream[0]));
        Assert.Contains(secret, turn.ToolResult(upstream[1]), StringComparison.Ordinal);
        var replayed = ReplayedCall.In(kind, upstream[1]);
        Assert.NotNull(replayed);
        Assert.Equal((ShellTurn.ShellTool, Command), (replayed.Name, replayed.Command));
        var (callId, resultFor) = kind == UpstreamKind.Ollama ? ((string?)null, ShellTurn.ShellTool) : (ShellTurn.CallId, ShellTurn.CallId);
        Assert.Equal((callId, resultFor), (replayed.Id, replayed.ResultFor));
        Assert.All(upstream, request => AssertUpstream(kind, request, ToolPrompt));
    }

    private static void AssertUpstream(UpstreamKind kind, RecordedRequest request, string prompt)
    {
        if (kind == UpstreamKind.OpenAI)
        {
            AssertSentAsIs(request, prompt);
        }
        else
        {
            AssertTranslated(kind, request, prompt);
        }
    }

    /// <summary>The OpenAI backend gets Codex's Responses request with the backend's model and key, the rest as Codex sent it.</summary>
    private static void AssertSentAsIs(RecordedRequest request, string prompt)
    {
        Assert.True(ResponsesRequest.Is(request), $"expected POST /v1/responses, got {request}");
        Assert.Equal("gpt-4o", request.JsonString("model"));
        Assert.Equal("Bearer sk-codex-0123456789", request.Header("Authorization"));
        Assert.Equal((true, false), (request.JsonBool("stream"), request.JsonBool("store")));
        Assert.Contains(ShellTurn.ShellTool, ResponsesRequest.FunctionNames(request));
        Assert.Contains("web_search", ResponsesRequest.ToolTypes(request));
        var items = ResponsesRequest.Items(request);
        Assert.Equal("developer", ResponsesRequest.Text(items[0], "role"));
        Assert.Contains(SystemPromptStart, items[0].GetRawText(), StringComparison.Ordinal);
        Assert.Contains(items, item => ResponsesRequest.Text(item, "role") == "user" && item.GetRawText().Contains(prompt, StringComparison.Ordinal));
    }

    /// <summary>A chat backend gets Codex's developer messages as the system prompt, the prompt as user text, and the shell tool.</summary>
    private static void AssertTranslated(UpstreamKind kind, RecordedRequest request, string prompt)
    {
        Assert.True(ChatTurnRequest.IsChat(kind, request), $"expected the {kind} chat route, got {request}");
        Assert.True(ChatTurnRequest.WantsStream(kind, request), $"expected a streamed request: {request.Body}");
        Assert.Contains(ShellTurn.ShellTool, ChatTurnRequest.ToolNames(kind, request));
        var messages = ChatMessages.Of(kind, request);
        Assert.Equal("system", messages[0].Role);
        Assert.StartsWith(SystemPromptStart, messages[0].Text, StringComparison.Ordinal);
        Assert.Contains(messages, message => message.Role == "user" && message.Text.Contains(prompt, StringComparison.Ordinal));
    }

    private void AssertInbound(InboundRequest[] inbound, string model, int expected)
    {
        Assert.Equal(expected, inbound.Length);
        Assert.All(inbound, request =>
        {
            Assert.Equal(("POST", "/v1/responses", 200, model), (request.Method, request.Path, request.Status, request.Model));
            Assert.Equal($"Bearer {CodexFixture.Key}", request.Header("Authorization"));
        });
        Assert.Empty(fixture.Proxy.Attempts);
    }

    private async Task<(CodexRun Run, InboundRequest[] Inbound, RecordedRequest[] Upstream)> RunAsync(
        UpstreamKind? kind, string model, string prompt, string work)
    {
        var stub = kind is { } backend ? fixture.For(backend).Stub : null;
        var (stubBefore, inboundBefore) = (stub?.RequestCount ?? 0, fixture.Inbound.Requests.Count);
        var home = fixture.Folder($"{kind?.ToString() ?? "mock"}-home-{Guid.NewGuid():N}");
        var client = new CodexClient((await CodexInstall.ReadyAsync()).Executable!, fixture.Gateway.Url, CodexFixture.Key, fixture.Proxy.Url);

        var run = await client.ExecAsync(model, prompt, work, home);

        var inbound = fixture.Inbound.Requests.Skip(inboundBefore).ToArray();
        var upstream = stub?.Requests.Skip(stubBefore).ToArray() ?? [];
        Report(run, inbound, upstream);
        Assert.DoesNotContain(upstream, request => request.Headers.Values.Any(value => value.Contains(CodexFixture.Key, StringComparison.Ordinal)));
        return (run, inbound, upstream);
    }

    private void Report(CodexRun run, InboundRequest[] inbound, RecordedRequest[] upstream)
    {
        output.WriteLine($"Codex {CodexInstall.Version}: exit {run.Process.ExitCode} in {run.Process.Took.TotalSeconds:0.0}s");
        output.WriteLine($"  stdout: {run.Process.Output}");
        output.WriteLine($"  stderr: {run.Process.Error}");
        foreach (var request in inbound)
        {
            output.WriteLine($"  -> gateway: {request}");
        }

        foreach (var request in upstream)
        {
            output.WriteLine($"  -> stand-in: {request}");
        }

        foreach (var attempt in fixture.Proxy.Attempts)
        {
            output.WriteLine($"  -> proxy (refused): {attempt}");
        }
    }
}
