using Gateway.Tests.Api;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Doctor;

/// <summary>Backends reached at several endpoints: each endpoint is checked, for the models routed to it.</summary>
public sealed class DoctorEndpointsTests
{
    private const string OnlyCoderPulled = """{"models":[{"name":"qwen2.5-coder:14b","model":"qwen2.5-coder:14b"}]}""";

    [Fact]
    public async Task RunAsync_SeveralOllamaEndpoints_EachCheckedForTheModelsRoutedToIt()
    {
        await using var main = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var coderA = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var coderB = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        coderA.Enqueue(StubResponse.Json(200, OnlyCoderPulled));
        var dead = ClosedPort.Url();

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{main.Url}}"
                models: { generator: "llama3.2", coder: "qwen2.5-coder:14b" }
                endpoints:
                  coder: ["{{coderA.Url}}", "{{coderB.Url}}", "{{dead}}"]
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("ok", main.Url, "reachable in");
        run.Single("ok", main.Url, "model llama3.2 (generator) is available");
        Assert.DoesNotContain(run.Findings, line => line.Contains(main.Url, StringComparison.Ordinal) && line.Contains("qwen2.5-coder", StringComparison.Ordinal));
        run.Single("ok", coderA.Url, "model qwen2.5-coder:14b (coder) is available");
        run.Single("FAIL", coderB.Url, $"model qwen2.5-coder:14b (coder) is not pulled: run `OLLAMA_HOST={coderB.Url} ollama pull qwen2.5-coder:14b`");
        run.Single("FAIL", dead, "unreachable (connection refused)", "correct llm.ollama.endpoints.coder");
        Assert.Single(main.Requests);
        Assert.Single(coderA.Requests);
        Assert.Single(coderB.Requests);
    }

    [Fact]
    public async Task RunAsync_UrlSharedByBaseUrlAndEndpoints_ProbedOnceNamingBothSources()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(500, """{"error":"boom"}"""));

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
                models: { coder: "llama3.2" }
                endpoints:
                  coder: ["{{ollama.Url}}/"]
            """);

        Assert.Single(ollama.Requests);
        run.Single("FAIL", "answered HTTP 500", "(\"boom\")");
        Assert.Contains("1 backend, 1 endpoint probed", run.Lines[0], StringComparison.Ordinal);
        run.Single("note", "models not checked", "llama3.2 (coder)");
    }

    [Fact]
    public async Task RunAsync_TwoSlowEndpoints_ProbedInParallelNotOneAfterTheOther()
    {
        await using var first = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var second = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        first.Enqueue(StubResponse.Delay(TimeSpan.FromSeconds(2), StubResponse.Json(200, OnlyCoderPulled)));
        second.Enqueue(StubResponse.Delay(TimeSpan.FromSeconds(2), StubResponse.Json(200, OnlyCoderPulled)));
        var started = TimeProvider.System.GetTimestamp();

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{first.Url}}"
                models: { coder: "qwen2.5-coder:14b" }
                endpoints:
                  coder: ["{{second.Url}}"]
            """);

        Assert.Equal(0, run.ExitCode);
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.Zero, TimeSpan.FromSeconds(3.5));
    }
}
