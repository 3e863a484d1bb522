using Gateway.Configuration;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Deployment;

/// <summary>docker-compose.yml runs the gateway beside Ollama with the Docker config, and Prometheus on request.</summary>
public sealed class ComposeTests
{
    private static readonly YamlDotNet.RepresentationModel.YamlMappingNode Services = YamlFile.Document("docker-compose.yml").Map("services");

    [Fact]
    public void Gateway_PublishesContainerPort8080OnLoopback()
    {
        var ports = Services.Texts("gateway", "ports");

        Assert.Equal(["127.0.0.1:8080:8080"], ports);
        Assert.Equal(".", Services.Text("gateway", "build"));
    }

    [Fact]
    public void Gateway_MountsTheDockerConfigWhereTheImageReadsIt()
    {
        var volumes = Services.Texts("gateway", "volumes");
        var configPath = Services.Text("gateway", "environment", "GATEWAY_CONFIG");

        Assert.Equal("/app/config/config.yaml", configPath);
        Assert.Contains($"./config/config.docker.yaml:{configPath}:ro", volumes);
        Assert.True(File.Exists(YamlFile.PathOf("config", "config.docker.yaml")));
    }

    [Fact]
    public void DockerConfig_Loads_AndPointsAtTheOllamaService()
    {
        var config = ConfigLoader.Load(YamlFile.PathOf("config", "config.docker.yaml"), Environment());

        var ollama = config.Llm.Backends["ollama"];
        Assert.Equal("ollama", config.Llm.Backend);
        Assert.Equal("http://ollama:11434", ollama.BaseUrl);
        Assert.True(Services.Has("ollama"));
        Assert.Equal("ollama", config.Llm.DefaultEmbeddingBackend);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Ollama_KeepsModelsInANamedVolume_AndTheModelsServicePullsWhatTheConfigNames()
    {
        var config = ConfigLoader.Load(YamlFile.PathOf("config", "config.docker.yaml"), Environment());
        var ollama = config.Llm.Backends["ollama"];

        Assert.Equal("ollama/ollama", Services.Text("ollama", "image"));
        Assert.Contains("ollama-models:/root/.ollama", Services.Texts("ollama", "volumes"));
        Assert.True(YamlFile.Document("docker-compose.yml").Map("volumes").Has("ollama-models"));
        Assert.Equal("http://ollama:11434", Services.Text("models", "environment", "OLLAMA_HOST"));
        var pull = string.Join(' ', Services.Texts("models", "entrypoint"));
        Assert.All(ollama.Models.Values.Append(ollama.EmbeddingModel!), model => Assert.Contains($"ollama pull {model}", pull, StringComparison.Ordinal));
    }

    [Fact]
    public void Prometheus_OnlyInItsProfile_ScrapesTheGatewaysMetrics()
    {
        Assert.Equal(["prometheus"], Services.Texts("prometheus", "profiles"));
        Assert.False(Services.Map("gateway").Has("profiles"));
        Assert.Contains("./deploy/prometheus.yml:/etc/prometheus/prometheus.yml:ro", Services.Texts("prometheus", "volumes"));

        var job = Assert.Single(YamlFile.Document("deploy", "prometheus.yml").List("scrape_configs"));
        Assert.Equal("/metrics", job.Text("metrics_path"));
        Assert.Equal(["gateway:8080"], Assert.Single(job.List("static_configs")).Texts("targets"));
    }
}
