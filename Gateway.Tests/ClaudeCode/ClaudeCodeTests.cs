using System.Text.Json;
using Gateway.Tests.Upstreams;
using Xunit.Abstractions;

namespace Gateway.Tests.ClaudeCode;

/// <summary>
/// The real Claude Code client (<see cref="ClaudeCodeInstall.Version"/>) completes a turn of tool use through the gateway over each
/// backend: the backend's stand-in calls Claude Code's <c>Read</c> tool on a file the test wrote, Claude Code reads it and sends the
/// result back through <c>/v1/messages</c>, and the stand-in's final text is what Claude Code reports. Everything stays on loopback.
/// </summary>
[Trait("Category", "ClaudeCode")]
public sealed class ClaudeCodeTests(ClaudeCodeFixture fixture, ITestOutputHelper output) : IClassFixture<ClaudeCodeFixture>
{
    private const string Prompt = "Read notes.txt and tell me what it says.";

    [ClaudeCodeFact]
    public Task ToolTurn_OverOllama_ReadsTheFileAndReportsTheFinalText() => ToolTurnAsync(UpstreamKind.Ollama);

    [ClaudeCodeFact]
    public Task ToolTurn_OverOpenAi_ReadsTheFileAndReportsTheFinalText() => ToolTurnAsync(UpstreamKind.OpenAI);

    [ClaudeCodeFact]
    public Task ToolTurn_OverAnthropic_ReadsTheFileAndReportsTheFinalText() => ToolTurnAsync(UpstreamKind.Anthropic);

    [ClaudeCodeFact]
    public Task ToolTurn_OverAzure_ReadsTheFileAndReportsTheFinalText() => ToolTurnAsync(UpstreamKind.Azure);

    [ClaudeCodeFact]
    public Task ToolTurn_OverLmStudio_ReadsTheFileAndReportsTheFinalText() => ToolTurnAsync(UpstreamKind.LMStudio);

    [ClaudeCodeFact]
    public async Task PlainTurn_OverTheBuiltInMock_ReportsTheMocksAnswer()
    {
        var work = Directory.CreateDirectory(Path.Combine(fixture.Scratch, "mock-work")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(fixture.Scratch, "mock-home")).FullName;
        var inboundBefore = fixture.Inbound.Requests.Count;

        var run = await (await ClientAsync()).PrintAsync("mock/generator", "Say hello.", work, home);

        Report(run, [.. fixture.Inbound.Requests.Skip(inboundBefore)], []);
        Assert.True(run.Process.ExitCode == 0 && run.Property("is_error")?.ValueKind == JsonValueKind.False, $"Claude Code failed: {run.Process}");
        Assert.StartsWith("Hello from the gateway's mock backend 'mock' (model mock-chat).", run.Text("result"), StringComparison.Ordinal);
        Assert.Empty(fixture.Proxy.Attempts);
    }

    private async Task ToolTurnAsync(UpstreamKind kind)
    {
        var (stub, turn) = fixture.For(kind);
        var model = $"{ClaudeCodeFixture.BackendName(kind)}/generator";
        var work = Directory.CreateDirectory(Path.Combine(fixture.Scratch, $"{kind}-work")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(fixture.Scratch, $"{kind}-home")).FullName;
        var secret = $"The passphrase over {kind} is {Guid.NewGuid():N}.";
        var notes = Path.Combine(work, "notes.txt");
        await File.WriteAllTextAsync(notes, $"Notes for the gateway test\n{secret}\n");
        var client = await ClientAsync();
        var (stubBefore, inboundBefore) = (stub.RequestCount, fixture.Inbound.Requests.Count);

        turn.FilePath = notes;
        ClaudeCodeRun run;
        try
        {
            run = await client.PrintAsync(model, Prompt, work, home, "--allowedTools", "Read");
        }
        finally
        {
            turn.FilePath = null;
        }

        var inbound = fixture.Inbound.Requests.Skip(inboundBefore).ToArray();
        var upstream = stub.Requests.Skip(stubBefore).ToArray();
        Report(run, inbound, upstream);

        Assert.True(run.Process.ExitCode == 0 && run.Property("is_error")?.ValueKind == JsonValueKind.False, $"Claude Code failed: {run.Process}");
        Assert.Equal(turn.FinalText, run.Text("result"));
        Assert.Equal(2, run.Property("num_turns")?.GetInt32());
        Assert.Contains(secret, Assert.Single(upstream.Select(request => ChatTurnRequest.ToolResult(kind, request)).OfType<string>()), StringComparison.Ordinal);

        var messages = inbound.Where(request => request is { Method: "POST", Path: "/v1/messages" }).ToArray();
        Assert.True(messages.Length >= 2, $"expected the call and its result on /v1/messages; the gateway got: {string.Join("; ", inbound)}");
        Assert.All(messages, request => Assert.Equal((200, model, ClaudeCodeFixture.Key), (request.Status, request.Model, request.Header("x-api-key"))));
        Assert.All(inbound.Where(request => request.Model is not null), request => Assert.Equal(model, request.Model));
        Assert.DoesNotContain(upstream, request => request.Headers.Values.Any(value => value.Contains(ClaudeCodeFixture.Key, StringComparison.Ordinal)));
        Assert.Empty(fixture.Proxy.Attempts);
    }

    private async Task<ClaudeCodeClient> ClientAsync() =>
        new((await ClaudeCodeInstall.ReadyAsync()).Executable!, fixture.Gateway.Url, ClaudeCodeFixture.Key, fixture.Proxy.Url);

    private void Report(ClaudeCodeRun run, InboundRequest[] inbound, RecordedRequest[] upstream)
    {
        output.WriteLine($"Claude Code {ClaudeCodeInstall.Version}: exit {run.Process.ExitCode} in {run.Process.Took.TotalSeconds:0.0}s");
        foreach (var request in inbound)
        {
            output.WriteLine($"  -> gateway: {request}");
            output.WriteLine($"     headers: {string.Join("; ", request.Headers.Where(h => h.Key != "x-api-key").Select(h => $"{h.Key}: {h.Value}"))}");
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
