using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Tests.Routing;

/// <summary>Builds config snapshots for routing tests, with the seed document's backend sections ready to use.</summary>
internal static class TestConfigs
{
    public const string AzureResource = "https://your-resource.openai.azure.com";

    /// <summary>A backend section with the documented default base URL and, for hosted backends, a key named after it.</summary>
    public static BackendConfig Backend(string name, params (string Key, string Model)[] models)
    {
        Assert.True(BackendNames.TryGetKind(name, out var kind), $"unknown backend {name}");
        return new BackendConfig
        {
            Name = name,
            Kind = kind,
            BaseUrl = kind switch
            {
                BackendKind.Ollama => "http://localhost:11434",
                BackendKind.OpenAI => "https://api.openai.com/v1",
                BackendKind.Anthropic => "https://api.anthropic.com",
                BackendKind.Azure => AzureResource,
                _ => "http://localhost:1234/v1",
            },
            ApiKey = kind is BackendKind.Ollama or BackendKind.LMStudio ? null : $"{name}-key",
            Models = Map(models),
        };
    }

    public static GatewayConfig Config(string primary, string[] fallbacks, params BackendConfig[] backends)
    {
        var sections = new OrderedDictionary<string, BackendConfig>(StringComparer.Ordinal);
        foreach (var backend in backends)
        {
            sections.Add(backend.Name, backend);
        }

        return new GatewayConfig
        {
            SourcePath = "/config/config.yaml",
            Llm = new LlmConfig { Backend = primary, FallbackBackends = fallbacks, Backends = sections },
        };
    }

    /// <summary>All five sections exactly as the seed document's backend-specific setup shows them.</summary>
    public static GatewayConfig Seed(string primary, params string[] fallbacks) =>
        Config(primary, fallbacks, SeedOllama(), SeedOpenAI(), SeedAnthropic(), SeedAzure(), SeedLMStudio());

    public static GatewayConfig WithDefaults(this GatewayConfig config, string? defaultBackend = null, string? embeddingBackend = null) =>
        config with
        {
            Llm = config.Llm with
            {
                GlobalDefaults = new GlobalDefaults { DefaultBackend = defaultBackend, DefaultEmbeddingBackend = embeddingBackend },
            },
        };

    public static BackendConfig SeedOllama() =>
        Backend("ollama", ("overseer", "llama3"), ("generator", "qwen2.5-coder:14b"), ("evaluator", "llama3"), ("triage", "tinyllama")) with
        {
            Endpoints = Pools(("overseer", ["http://localhost:11434", "http://server2:11434"])),
            ContextWindows = WindowsOf(("llama3", 8192), ("qwen2.5-coder:14b", 131072)),
        };

    public static BackendConfig SeedOpenAI() =>
        Backend("openai", ("overseer", "gpt-4"), ("generator", "gpt-4"), ("evaluator", "gpt-4"), ("triage", "gpt-3.5-turbo")) with
        {
            EmbeddingModel = "text-embedding-3-small",
            ContextWindows = WindowsOf(("gpt-4", 8192), ("gpt-4-turbo", 128000)),
        };

    public static BackendConfig SeedAnthropic() =>
        Backend(
            "anthropic",
            ("overseer", "claude-3-5-sonnet-20241022"),
            ("generator", "claude-3-5-sonnet-20241022"),
            ("evaluator", "claude-3-5-sonnet-20241022"),
            ("triage", "claude-3-haiku-20240307")) with
        {
            ContextWindows = WindowsOf(("claude-3-5-sonnet-20241022", 200000), ("claude-3-opus-20240229", 200000)),
        };

    public static BackendConfig SeedAzure() =>
        Backend("azure") with
        {
            DeploymentName = "gpt-4",
            ApiVersion = "2024-02-15-preview",
            Deployments = Deployments(Entry("overseer", "gpt-4", model: "gpt-4"), Entry("generator", "gpt-4-code", model: "gpt-4")),
            ContextWindows = WindowsOf(("gpt-4", 8192), ("gpt-35-turbo", 16385)),
        };

    /// <summary>The seed's "Pattern 5: Multi-Region Azure": regional entries only, no section endpoint.</summary>
    public static BackendConfig MultiRegionAzure() =>
        Backend("azure") with
        {
            BaseUrl = "",
            Deployments = Deployments(
                Entry("us_east", "gpt-4-us-east", endpoint: "https://us-east.openai.azure.com"),
                Entry("eu_west", "gpt-4-eu-west", endpoint: "https://eu-west.openai.azure.com")),
        };

    public static BackendConfig SeedLMStudio() =>
        Backend("lmstudio", ("overseer", "local-model"), ("generator", "local-model"), ("evaluator", "local-model")) with
        {
            ContextWindows = WindowsOf(("local-model", 8192)),
        };

    public static AzureDeployment Entry(string name, string deployment, string? model = null, string? endpoint = null, string? apiKey = null) =>
        new() { Name = name, Deployment = deployment, Model = model, Endpoint = endpoint, ApiKey = apiKey };

    public static OrderedDictionary<string, AzureDeployment> Deployments(params AzureDeployment[] entries)
    {
        var map = new OrderedDictionary<string, AzureDeployment>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            map.Add(entry.Name, entry);
        }

        return map;
    }

    public static OrderedDictionary<string, string> Map(params (string Key, string Model)[] pairs)
    {
        var map = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, model) in pairs)
        {
            map.Add(key, model);
        }

        return map;
    }

    public static OrderedDictionary<string, int> WindowsOf(params (string Model, int Tokens)[] pairs)
    {
        var map = new OrderedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (model, tokens) in pairs)
        {
            map.Add(model, tokens);
        }

        return map;
    }

    public static OrderedDictionary<string, IReadOnlyList<string>> Pools(params (string Key, string[] Urls)[] pools)
    {
        var map = new OrderedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, urls) in pools)
        {
            map.Add(key, urls);
        }

        return map;
    }

    /// <summary>The plan of a resolution that must succeed.</summary>
    public static RoutePlan PlanOf(RouteResult result)
    {
        Assert.Null(result.Error);
        return Assert.IsType<RoutePlan>(result.Plan);
    }

    /// <summary>The error of a resolution that must fail.</summary>
    public static RouteError ErrorOf(RouteResult result)
    {
        Assert.Null(result.Plan);
        return Assert.IsType<RouteError>(result.Error);
    }

    /// <summary>Each candidate as <c>backend model @ endpoint</c>, for comparing whole plans at a glance.</summary>
    public static string[] Describe(RoutePlan plan) =>
        [.. plan.Candidates.Select(c => c.Deployment is null
            ? $"{c.Backend.Name} {c.Model} @ {c.Endpoint}"
            : $"{c.Backend.Name} {c.Model} @ {c.Endpoint} [{c.Deployment}]")];
}
