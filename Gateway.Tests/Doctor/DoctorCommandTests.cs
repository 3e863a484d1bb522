using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Doctor;

/// <summary>The run as a whole: exit code, summary, and backends that need no request.</summary>
public sealed class DoctorCommandTests
{
    [Fact]
    public async Task RunAsync_EveryBackendWell_Exit0WithOkLinesAndAllPassedSummary()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.ExpectedApiKey = "sk-doctor-good";

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              fallback_backends: [openai]
              ollama:
                base_url: "{{ollama.Url}}"
                models: { generator: "llama3.2" }
              openai:
                base_url: "{{openai.Url}}/v1"
                models: { generator: "model-id-1" }
            """, ("OPENAI_API_KEY", "sk-doctor-good"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, run.Count("FAIL"));
        run.Single("ok", "ollama", ollama.Url, "reachable in", "no key needed");
        run.Single("ok", "ollama", "model llama3.2 (generator) is available as llama3.2:latest");
        run.Single("ok", "openai", openai.Url + "/v1", "reachable in", "API key accepted");
        run.Single("ok", "openai", "model model-id-1 (generator) is available");
        Assert.Equal("All 4 checks passed.", run.Summary);
    }

    [Fact]
    public async Task RunAsync_OneCheckFails_Exit1WithProblemCountInSummary()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
                models: { generator: "llama3.2", coder: "qwen2.5-coder:14b" }
            """);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("1 problem found in 3 checks", run.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MockBackends_OkInProcessWithoutAnyRequest()
    {
        var run = await DoctorRun.OfAsync("""
            llm:
              backend: mock
              fallback_backends: [mock_fallback]
              mock: {}
              mock_fallback: {}
            """);

        Assert.Equal(0, run.ExitCode);
        run.Single("ok", "mock ", "in-process", "built-in mock");
        run.Single("ok", "mock_fallback", "in-process", "built-in mock");
        Assert.StartsWith("Checking ", run.Lines[0], StringComparison.Ordinal);
        Assert.Contains("2 backends, 0 endpoints probed", run.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Lines_AlignedInColumns()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              fallback_backends: [mock]
              ollama:
                base_url: "{{ollama.Url}}"
                models: { generator: "llama3.2" }
              mock: {}
            """);

        int[] messageColumns =
        [
            run.Single("ok", "reachable in").IndexOf("reachable in", StringComparison.Ordinal),
            run.Single("ok", "model llama3.2").IndexOf("model llama3.2", StringComparison.Ordinal),
            run.Single("ok", "built-in mock").IndexOf("built-in mock", StringComparison.Ordinal),
        ];

        Assert.Single(messageColumns.Distinct());
    }
}
