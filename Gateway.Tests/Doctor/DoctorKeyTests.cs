using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Doctor;

/// <summary>Keys: missing where one is needed, rejected, or asked for by a server that usually needs none.</summary>
public sealed class DoctorKeyTests
{
    [Fact]
    public async Task RunAsync_OpenAiKeyMissing_FailsNamingTheVariableAndTheConfigKey()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.ExpectedApiKey = "sk-doctor-good";

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: openai
              openai:
                base_url: "{{openai.Url}}/v1"
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("ok", "openai", "reachable in");
        run.Single("FAIL", "openai", openai.Url + "/v1", "no API key: set OPENAI_API_KEY or llm.openai.api_key");
        Assert.Equal(1, run.Count("FAIL"));
    }

    [Fact]
    public async Task RunAsync_KeyMissingAndUnreachable_ReportsBoth()
    {
        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: anthropic
              anthropic:
                base_url: "{{Api.ClosedPort.Url()}}"
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "unreachable (connection refused)");
        run.Single("FAIL", "no API key: set ANTHROPIC_API_KEY or llm.anthropic.api_key");
    }

    [Fact]
    public async Task RunAsync_KeyRejected_FailsSayingWhichKeyToCheck()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        anthropic.ExpectedApiKey = "sk-ant-right";

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: anthropic
              anthropic:
                base_url: "{{anthropic.Url}}"
            """, ("ANTHROPIC_API_KEY", "sk-ant-wrong"));

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "anthropic", "the API key was rejected (HTTP 401): check ANTHROPIC_API_KEY or llm.anthropic.api_key");
        Assert.Equal("sk-ant-wrong", anthropic.Requests.Single().Header("x-api-key"));
    }

    [Fact]
    public async Task RunAsync_LmStudioAsksForATokenNoneConfigured_FailsNamingLmApiToken()
    {
        await using var lmstudio = await StubUpstream.StartAsync(UpstreamKind.LMStudio);
        lmstudio.ExpectedApiKey = "lm-doctor-token";

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: lmstudio
              lmstudio:
                base_url: "{{lmstudio.Url}}/v1"
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "lmstudio", "the server asks for an API key (HTTP 401) and none is configured: set LM_API_TOKEN or llm.lmstudio.api_key");
    }

    [Fact]
    public async Task RunAsync_AzureDeploymentWithItsOwnKey_ProbesItsEndpointWithThatKey()
    {
        await using var east = await StubUpstream.StartAsync(UpstreamKind.Azure);
        await using var west = await StubUpstream.StartAsync(UpstreamKind.Azure);
        east.ExpectedApiKey = "azure-east-key";
        west.ExpectedApiKey = "azure-west-key";

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: azure
              azure:
                endpoint: "{{east.Url}}"
                api_key: "azure-east-key"
                deployments:
                  us_east: { deployment: "gpt4o-east" }
                  us_west: { deployment: "gpt4o-west", endpoint: "{{west.Url}}", api_key: "azure-wrong-key" }
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("ok", east.Url, "reachable in", "API key accepted");
        run.Single("FAIL", west.Url, "the API key was rejected (HTTP 401): check llm.azure.deployments.us_west.api_key");
        Assert.Equal("azure-wrong-key", west.Requests.Single().Header("api-key"));
    }
}
