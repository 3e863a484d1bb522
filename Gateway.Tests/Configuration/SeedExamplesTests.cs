using Gateway.Configuration;

namespace Gateway.Tests.Configuration;

/// <summary>
/// Every YAML block of the backend configuration guide, as a file under SeedExamples/. Each either loads and means what the guide
/// says it means, or (for fragments naming backends that have no section) fails with the message that says what to add.
/// </summary>
public sealed class SeedExamplesTests
{
    private const string AzureEndpoint = "https://your-resource.openai.azure.com/";

    private static readonly Dictionary<string, SeedCase> Cases = new(StringComparer.Ordinal)
    {
        ["01-quick-start-ollama.yaml"] = Loads(config =>
        {
            Assert.Equal("ollama", config.Llm.Backend);
            Assert.Equal(["ollama"], config.Llm.Backends.Keys);
            Assert.Equal("http://localhost:11434", config.Llm.Backends["ollama"].BaseUrl);
            Assert.Empty(config.Llm.FallbackBackends);
            Assert.Empty(config.Warnings);
        }),
        ["02-quick-start-anthropic.yaml"] = Loads(
            config =>
            {
                Assert.Equal("anthropic", config.Llm.Backend);
                Assert.Equal("anthropic", config.Llm.GlobalDefaults.DefaultBackend);
                var anthropic = config.Llm.Backends["anthropic"];
                Assert.Equal("sk-ant-test", anthropic.ApiKey);
                Assert.Equal("https://api.anthropic.com", anthropic.BaseUrl);
            },
            ("ANTHROPIC_API_KEY", "sk-ant-test")),
        ["03-quick-start-multi-backend.yaml"] = Fails(
            "3:12: llm.backend: backend 'anthropic' has no section llm.anthropic; no backend section is configured yet. Add 'anthropic: {}' under llm to use its defaults",
            "4:23: llm.fallback_backends[0]: backend 'openai' has no section llm.openai; no backend section is configured yet. Add 'openai: {}' under llm to use its defaults",
            "4:33: llm.fallback_backends[1]: backend 'ollama' has no section llm.ollama; no backend section is configured yet. Add 'ollama: {}' under llm to use its defaults"),
        ["04-configuration-format.yaml"] = Loads(
            config =>
            {
                Assert.Equal("ollama", config.Llm.Backend);
                Assert.Equal(["openai"], config.Llm.FallbackBackends);
                Assert.Equal("ollama", config.Llm.DefaultBackend);
                Assert.Equal("openai", config.Llm.DefaultEmbeddingBackend);
                Assert.Equal(0.7, config.Llm.GlobalDefaults.Temperature);
                Assert.Equal(4096, config.Llm.GlobalDefaults.MaxTokens);
                Assert.Equal(["ollama", "openai", "anthropic", "azure", "lmstudio"], config.Llm.Backends.Keys);
                Assert.Equal("https://api.openai.com/v1", config.Llm.Backends["openai"].BaseUrl);
                Assert.Equal("https://your-resource.openai.azure.com", config.Llm.Backends["azure"].BaseUrl);
                Assert.Equal("http://localhost:1234/v1", config.Llm.Backends["lmstudio"].BaseUrl);
            },
            ("AZURE_OPENAI_ENDPOINT", AzureEndpoint)),
        ["05-ollama-section.yaml"] = Loads(config =>
        {
            var ollama = config.Llm.Backends["ollama"];
            Assert.Equal("ollama", config.Llm.Backend);
            Assert.Equal(["overseer", "generator", "evaluator", "triage"], ollama.Models.Keys);
            Assert.Equal("qwen2.5-coder:14b", ollama.Models["generator"]);
            Assert.Equal(["http://localhost:11434", "http://server2:11434"], ollama.Endpoints["overseer"]);
            Assert.Equal(131072, ollama.ContextWindowFor("qwen2.5-coder:14b"));
            Assert.Equal(8192, ollama.ContextWindowFor("llama3"));
            Assert.Contains("legacy layout", Assert.Single(config.Warnings), StringComparison.Ordinal);
        }),
        ["06-openai-section.yaml"] = Loads(config =>
        {
            var openai = config.Llm.Backends["openai"];
            Assert.Equal("openai", config.Llm.Backend);
            Assert.Null(openai.ApiKey);
            Assert.Equal("set OPENAI_API_KEY or llm.openai.api_key", openai.ApiKeyHint);
            Assert.Null(openai.Organization);
            Assert.Equal("gpt-3.5-turbo", openai.Models["triage"]);
            Assert.Equal("text-embedding-3-small", openai.EmbeddingModel);
            Assert.Equal(128000, openai.ContextWindowFor("gpt-4-turbo"));
        }),
        ["07-anthropic-section.yaml"] = Loads(config =>
        {
            var anthropic = config.Llm.Backends["anthropic"];
            Assert.Equal("https://api.anthropic.com", anthropic.BaseUrl);
            Assert.Equal("claude-3-haiku-20240307", anthropic.Models["triage"]);
            Assert.Equal(200000, anthropic.ContextWindowFor("claude-3-opus-20240229"));
        }),
        ["08-azure-section.yaml"] = Loads(
            config =>
            {
                var azure = config.Llm.Backends["azure"];
                Assert.Equal("https://your-resource.openai.azure.com", azure.BaseUrl);
                Assert.Equal("azure-test-key", azure.ApiKey);
                Assert.Equal("gpt-4", azure.DeploymentName);
                Assert.Equal("2024-02-15-preview", azure.ApiVersion);
                Assert.Equal(["overseer", "generator"], azure.Deployments.Keys);
                Assert.Equal("gpt-4-code", azure.Deployments["generator"].Deployment);
                Assert.Equal("gpt-4", azure.Deployments["generator"].Model);
                Assert.Equal(16385, azure.ContextWindowFor("gpt-35-turbo"));
            },
            ("AZURE_OPENAI_ENDPOINT", AzureEndpoint),
            ("AZURE_OPENAI_API_KEY", "azure-test-key")),
        ["09-lmstudio-section.yaml"] = Loads(config =>
        {
            var lmstudio = config.Llm.Backends["lmstudio"];
            Assert.Equal("http://localhost:1234/v1", lmstudio.BaseUrl);
            Assert.Equal(["overseer", "generator", "evaluator"], lmstudio.Models.Keys);
            Assert.False(lmstudio.RequiresApiKey);
            Assert.Equal(8192, lmstudio.ContextWindowFor("local-model"));
        }),
        ["10-tools-global-backend.yaml"] = Fails(
            "3:12: llm.backend: backend 'anthropic' has no section llm.anthropic; no backend section is configured yet. Add 'anthropic: {}' under llm to use its defaults",
            "5:22: llm.global_defaults.default_backend: backend 'anthropic' has no section llm.anthropic; no backend section is configured yet. Add 'anthropic: {}' under llm to use its defaults"),
        ["11-tools-override-per-tool.yaml"] = Fails(
            "3:12: llm.backend: backend 'ollama' has no section llm.ollama; no backend section is configured yet. Add 'ollama: {}' under llm to use its defaults",
            "8:14: tools.expensive_tool.backend: backend 'anthropic' has no section llm.anthropic; no backend section is configured yet. Add 'anthropic: {}' under llm to use its defaults"),
        ["12-tools-mixed-backends.yaml"] = Fails(
            "4:22: llm.global_defaults.default_backend: backend 'ollama' has no section llm.ollama; no backend section is configured yet. Add 'ollama: {}' under llm to use its defaults",
            "13:14: tools.expensive_tool.backend: backend 'openai' has no section llm.openai; no backend section is configured yet. Add 'openai: {}' under llm to use its defaults"),
        ["13-model-key.yaml"] = Loads(config =>
        {
            Assert.Equal("anthropic", config.Llm.Backend);
            var tool = config.Tools["my_tool"];
            Assert.Equal("generator", tool.ModelKey);
            Assert.Null(tool.Model);
            Assert.Null(tool.Backend);
            Assert.Equal("llm", tool.Type);
        }),
        ["14-direct-model.yaml"] = Fails(
            "2:1: llm: no backend section is configured; add one under llm, e.g. 'ollama: {}' for a local Ollama (valid backends: ollama, openai, anthropic, azure, lmstudio, mock, mock_fallback)"),
        ["15-model-selector.yaml"] = Fails(
            "2:1: llm: no backend section is configured; add one under llm, e.g. 'ollama: {}' for a local Ollama (valid backends: ollama, openai, anthropic, azure, lmstudio, mock, mock_fallback)"),
        ["16-cost-optimization.yaml"] = Fails(
            "12:14: tools.critical_analysis.backend: backend 'anthropic' has no section llm.anthropic; configured backends: ollama. Add 'anthropic: {}' under llm to use its defaults"),
        ["17-speed-optimization.yaml"] = Loads(config =>
        {
            var openai = config.Llm.Backends["openai"];
            Assert.Equal("openai", config.Llm.Backend);
            Assert.Equal("https://api.openai.com/v1", openai.BaseUrl);
            Assert.Equal("gpt-3.5-turbo", openai.Models["triage"]);
            Assert.Equal("gpt-4-turbo", openai.Models["generator"]);
        }),
        ["18-privacy-first.yaml"] = Loads(config =>
        {
            Assert.Equal(["ollama"], config.Llm.Backends.Keys);
            Assert.Equal(["overseer", "generator"], config.Llm.Backends["ollama"].Models.Keys);
        }),
        ["19-enterprise-hybrid.yaml"] = Loads(
            config =>
            {
                Assert.Equal("azure", config.Llm.Backend);
                Assert.Equal(["ollama"], config.Llm.FallbackBackends);
                Assert.Equal("https://your-resource.openai.azure.com", config.Llm.Backends["azure"].BaseUrl);
                Assert.Equal("http://internal-ollama:11434", config.Llm.Backends["ollama"].BaseUrl);
            },
            ("AZURE_OPENAI_ENDPOINT", AzureEndpoint)),
        ["20-multi-region-azure.yaml"] = Loads(config =>
        {
            var azure = config.Llm.Backends["azure"];
            Assert.Equal("", azure.BaseUrl);
            Assert.Equal("2024-10-21", azure.ApiVersion);
            Assert.Equal(["us_east", "eu_west"], azure.Deployments.Keys);
            Assert.Equal("gpt-4-eu-west", azure.Deployments["eu_west"].Deployment);
            Assert.Equal("https://eu-west.openai.azure.com", azure.Deployments["eu_west"].Endpoint);
        }),
        ["21-env-in-config.yaml"] = Loads(
            config => Assert.Equal("sk-test", config.Llm.Backends["openai"].ApiKey),
            ("OPENAI_API_KEY", "sk-test")),
        ["22-migration-before.yaml"] = Loads(config =>
        {
            Assert.Equal("ollama", config.Llm.Backend);
            Assert.Equal("http://localhost:11434", config.Llm.Backends["ollama"].BaseUrl);
            Assert.Contains("to migrate, indent it under 'llm:'", Assert.Single(config.Warnings), StringComparison.Ordinal);
        }),
        ["23-migration-after.yaml"] = Loads(config =>
        {
            Assert.Equal("ollama", config.Llm.Backend);
            Assert.Equal(["ollama", "anthropic"], config.Llm.Backends.Keys);
            Assert.Equal("claude-3-5-sonnet-20241022", config.Llm.Backends["anthropic"].Models["overseer"]);
            Assert.Equal("qwen2.5-coder:14b", config.Llm.Backends["ollama"].Models["generator"]);
            Assert.Empty(config.Warnings);
        }),
        ["24-migration-per-tool.yaml"] = Fails(
            "2:1: llm: no backend section is configured; add one under llm, e.g. 'ollama: {}' for a local Ollama (valid backends: ollama, openai, anthropic, azure, lmstudio, mock, mock_fallback)",
            "4:14: tools.complex_reasoning.backend: backend 'anthropic' has no section llm.anthropic; no backend section is configured yet. Add 'anthropic: {}' under llm to use its defaults"),
    };

    public static TheoryData<string> FileNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(FileNames))]
    public void Load_SeedExample_MeansWhatTheGuideSays(string fileName)
    {
        var seedCase = Cases[fileName];
        var path = ConfigFixture.SeedExample(fileName);
        var environment = ConfigFixture.Environment(seedCase.Environment);

        if (seedCase.Errors is { } errors)
        {
            var message = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, environment)).Message;
            Assert.Equal(errors.Select(error => $"{path}:{error}"), message.Split('\n'));
        }
        else
        {
            seedCase.Check!(ConfigLoader.Load(path, environment));
        }
    }

    [Fact]
    public void SeedExamples_EveryYamlFile_HasACase()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(ConfigFixture.SeedExample("x"))!, "*.yaml").Select(Path.GetFileName).Order();

        Assert.Equal(files, Cases.Keys.Order());
    }

    private static SeedCase Loads(Action<GatewayConfig> check, params (string, string)[] environment) => new(environment, check, null);

    private static SeedCase Fails(params string[] errors) => new([], null, errors);

    private sealed record SeedCase((string, string)[] Environment, Action<GatewayConfig>? Check, string[]? Errors);
}
