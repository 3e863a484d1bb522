using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Doctor;

/// <summary>Configured models against what each endpoint lists.</summary>
public sealed class DoctorModelTests
{
    [Fact]
    public async Task RunAsync_OllamaModelNotPulled_FailsWithThePullCommandForThatHost()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
                models: { generator: "qwen2.5-coder:14b", overseer: "llama3.2" }
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "ollama", ollama.Url,
            $"model qwen2.5-coder:14b (generator) is not pulled: run `OLLAMA_HOST={ollama.Url} ollama pull qwen2.5-coder:14b`");
        run.Single("ok", "model llama3.2 (overseer) is available as llama3.2:latest");
    }

    [Fact]
    public async Task RunAsync_OllamaNameCloseToAPulledOne_SuggestsItAndTheConfigKey()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
                models: { generator: "llama3.3" }
            """);

        run.Single("FAIL", "model llama3.3 (generator) is not pulled (did you mean 'llama3.2'?)", "or correct llm.ollama.models.generator");
    }

    [Fact]
    public async Task RunAsync_OllamaBareNameAndLatestTag_BothMatchTheLatestTag()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
                models: { generator: "deepseek-r1", overseer: "llama3.2:latest" }
            """);

        Assert.Equal(0, run.ExitCode);
        run.Single("ok", "model deepseek-r1 (generator) is available as deepseek-r1:latest");
        run.Single("ok", "model llama3.2:latest (overseer) is available");
    }

    [Fact]
    public async Task RunAsync_OllamaEmbeddingModelMissing_FailsNamingTheEmbeddingRole()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{ollama.Url}}"
                embedding_model: "nomic-embed-text"
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "model nomic-embed-text (embedding_model) is not pulled", "ollama pull nomic-embed-text");
    }

    [Fact]
    public async Task RunAsync_OpenAiModelNotListed_FailsNamingTheConfigKey()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: openai
              openai:
                base_url: "{{openai.Url}}/v1"
                api_key: "sk-doctor-good"
                models: { generator: "gpt-4o", coder: "model-id-2" }
                embedding_model: "model-id-0"
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "openai", "model gpt-4o (generator) is not listed by GET /models: correct llm.openai.models.generator");
        run.Single("ok", "model model-id-2 (coder) is available");
        run.Single("ok", "model model-id-0 (embedding_model) is available");
    }

    [Fact]
    public async Task RunAsync_LmStudioModelNotDownloaded_FailsWithLmsCommands()
    {
        await using var lmstudio = await StubUpstream.StartAsync(UpstreamKind.LMStudio);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: lmstudio
              lmstudio:
                base_url: "{{lmstudio.Url}}/v1"
                models: { generator: "qwen2.5-7b-instruct", overseer: "meta-llama-3.1-8b-instruct" }
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("FAIL", "model qwen2.5-7b-instruct (generator) is not available in LM Studio", "`lms get qwen2.5-7b-instruct`");
        run.Single("ok", "model meta-llama-3.1-8b-instruct (overseer) is available");
    }

    [Fact]
    public async Task RunAsync_AnthropicAliasAndUnknownModel_AliasMatchesTheDatedIdUnknownFails()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: anthropic
              anthropic:
                base_url: "{{anthropic.Url}}"
                api_key: "sk-ant-doctor"
                models: { generator: "claude-sonnet-4-0", coder: "claude-opus-9" }
            """);

        Assert.Equal(1, run.ExitCode);
        run.Single("ok", "model claude-sonnet-4-0 (generator) is available as claude-sonnet-4-20250514");
        run.Single("FAIL", "model claude-opus-9 (coder) is not listed by GET /v1/models: correct llm.anthropic.models.coder");
        Assert.Equal("1000", anthropic.Requests.Single().Query("limit"));
    }

    [Fact]
    public async Task RunAsync_AzureDeployments_NotedPlainlyAsNotListable()
    {
        await using var azure = await StubUpstream.StartAsync(UpstreamKind.Azure);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: azure
              azure:
                endpoint: "{{azure.Url}}"
                api_key: "azure-doctor-key"
                deployment_name: "gpt4o-prod"
                deployments:
                  embeddings: { deployment: "ada-prod", model: "text-embedding-ada-002" }
            """);

        Assert.Equal(0, run.ExitCode);
        run.Single("ok", "azure", "reachable in", "API key accepted");
        run.Single("note", "deployments gpt4o-prod (deployment_name), ada-prod (embeddings) not checked: Azure's data-plane API cannot list deployments");
        Assert.Contains("1 note", run.Summary, StringComparison.Ordinal);
    }
}
