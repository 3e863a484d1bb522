using Gateway.Doctor;
using Gateway.Tests.Api;
using Gateway.Tests.Configuration;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Doctor;

/// <summary>Endpoints that do not answer, or answer with something other than a listing.</summary>
public sealed class DoctorReachabilityTests
{
    [Fact]
    public async Task RunAsync_NothingListens_Exit1WithCauseAndFix()
    {
        var dead = ClosedPort.Url();

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{dead}}"
                models: { generator: "llama3.2" }
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "ollama", dead, "unreachable (connection refused): start Ollama (`ollama serve`) or correct llm.ollama.base_url");
        run.Single("note", "models not checked until the problem above is fixed: llama3.2 (generator)");
    }

    [Fact]
    public async Task RunAsync_AnthropicUnreachable_FailsNamingItsBaseUrl()
    {
        var dead = ClosedPort.Url();

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: anthropic
              anthropic:
                base_url: "{{dead}}"
                api_key: "sk-ant-doctor"
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "anthropic", dead, "unreachable (connection refused): start the server there or correct llm.anthropic.base_url");
    }

    [Fact]
    public async Task RunAsync_EndpointNeverAnswers_FailsWhenTheProbeBudgetRunsOut()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Hang());
        var time = new FakeTimeProvider();
        var config = ConfigFixture.Parse($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
            """);
        using var output = new StringWriter();

        var running = DoctorCommand.RunAsync(config, output, time);
        await ollama.WaitForRequestAsync(1, TimeSpan.FromSeconds(10));
        Assert.False(running.IsCompleted);
        time.Advance(EndpointProbe.Timeout);
        var exit = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, exit);
        Assert.Contains("no answer within 5 s to GET /api/tags: start Ollama", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServerError_FailsWithStatusUpstreamWordsAndFix()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Json(503, """{"error":{"message":"The engine is currently overloaded, please try again later","type":"server_error","param":null,"code":null}}"""));

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: openai
              openai:
                base_url: "{{openai.Url}}/v1"
                api_key: "sk-doctor-good"
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "answered HTTP 503 to GET /v1/models (\"The engine is currently overloaded", "the server is up but failing");
    }

    [Fact]
    public async Task RunAsync_OllamaBaseUrlWithV1_FailsSayingItIsNotOllamasApi()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}/v1"
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "answered HTTP 404 to GET /v1/api/tags", "this is not Ollama's API: point llm.ollama.base_url at the Ollama server");
    }

    [Fact]
    public async Task RunAsync_LmStudioBaseUrlWithoutV1_FailsSayingTheAnswerIsNoModelList()
    {
        // LM Studio answers an unknown route with HTTP 200 and an error body.
        await using var lmstudio = await StubUpstream.StartAsync(UpstreamKind.LMStudio);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: lmstudio
              lmstudio:
                base_url: "{{lmstudio.Url}}"
                models: { generator: "meta-llama-3.1-8b-instruct" }
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "the answer to GET /models is not a model list: llm.lmstudio.base_url should end in /v1");
    }
}
