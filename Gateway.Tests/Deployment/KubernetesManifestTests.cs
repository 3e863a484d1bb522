using Gateway.Configuration;
using Gateway.Tests.Api;
using YamlDotNet.RepresentationModel;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Deployment;

/// <summary>The manifests under deploy/kubernetes fit together: ports, probes, config mount, keys, Service, autoscaler and scraping.</summary>
public sealed class KubernetesManifestTests
{
    private const string Folder = "deploy";
    private const string Kubernetes = "kubernetes";

    private static readonly Dictionary<string, YamlMappingNode> ByKind = Directory
        .GetFiles(YamlFile.PathOf(Folder, Kubernetes), "*.yaml")
        .SelectMany(file => YamlFile.Documents(Folder, Kubernetes, Path.GetFileName(file)))
        .ToDictionary(document => document.Text("kind"), StringComparer.Ordinal);

    private static YamlMappingNode Deployment => ByKind["Deployment"];

    private static YamlMappingNode Container => Assert.Single(Deployment.List("spec", "template", "spec", "containers")).Map();

    [Fact]
    public void Manifests_EachIsOneKnownKind_AndKustomizeAppliesAllButTheSecret()
    {
        Assert.Equal(
            ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Kustomization", "PodDisruptionBudget", "Secret", "Service"],
            ByKind.Keys.Order(StringComparer.Ordinal));
        var resources = ByKind["Kustomization"].Texts("resources");
        Assert.All(resources, file => Assert.True(File.Exists(YamlFile.PathOf(Folder, Kubernetes, file)), $"{file} is listed but missing"));
        Assert.Equal(["configmap.yaml", "deployment.yaml", "hpa.yaml", "pdb.yaml", "service.yaml"], resources.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Deployment_ServesOnContainerPort8080NamedHttp()
    {
        var port = Assert.Single(Container.List("ports"));

        Assert.Equal("http", port.Text("name"));
        Assert.Equal("8080", port.Text("containerPort"));
        Assert.Contains(Container.List("env"), env => env.Text("name") == "ASPNETCORE_URLS" && env.Text("value") == "http://0.0.0.0:8080");
        Assert.True(int.Parse(Deployment.Text("spec", "replicas"), System.Globalization.CultureInfo.InvariantCulture) >= 2);
    }

    [Fact]
    public void Deployment_ProbesLivenessOnHealthAndReadinessOnHealthReady()
    {
        Assert.Equal("/health/ready", Container.Text("readinessProbe", "httpGet", "path"));
        Assert.Equal("/health", Container.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal("/health", Container.Text("startupProbe", "httpGet", "path"));
        Assert.All(["readinessProbe", "livenessProbe", "startupProbe"], probe => Assert.Equal("http", Container.Text(probe, "httpGet", "port")));
    }

    [Fact]
    public async Task Deployment_ProbePaths_AnswerOnARunningGateway()
    {
        await using var gateway = await GatewayHarness.StartAsync("llm:\n  mock: {}\n");

        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            using var response = await gateway.Http.GetAsync(Container.Text(probe, "httpGet", "path"));
            Assert.Equal(200, (int)response.StatusCode);
        }
    }

    [Fact]
    public void Deployment_MountsTheConfigMapWhereGatewayConfigPoints()
    {
        var configPath = Assert.Single(Container.List("env"), env => env.Text("name") == "GATEWAY_CONFIG").Text("value");
        var mount = Assert.Single(Container.List("volumeMounts"), m => m.Text("name") == "config");
        var volume = Assert.Single(Deployment.List("spec", "template", "spec", "volumes"), v => v.Text("name") == "config");
        var item = Assert.Single(volume.List("configMap", "items"));

        Assert.Equal("/app/config/config.yaml", configPath);
        Assert.Equal($"{mount.Text("mountPath")}/{item.Text("path")}", configPath);
        Assert.Equal(ByKind["ConfigMap"].Text("metadata", "name"), volume.Text("configMap", "name"));
        Assert.True(ByKind["ConfigMap"].Map("data").Has(item.Text("key")));
    }

    [Fact]
    public void ConfigMap_HoldsAConfigThatLoadsWithoutKeysSet()
    {
        var yaml = ByKind["ConfigMap"].Text("data", "config.yaml");

        var config = ConfigLoader.Parse(yaml, "configmap.yaml", Environment());

        Assert.Equal("http://ollama:11434", config.Llm.Backends["ollama"].BaseUrl);
        Assert.Equal(["openai"], config.Llm.FallbackBackends);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Deployment_TakesKeysFromTheSecret_WhichHoldsTheProviderVariables()
    {
        var secretRef = Assert.Single(Container.List("envFrom")).Map("secretRef");

        Assert.Equal(ByKind["Secret"].Text("metadata", "name"), secretRef.Text("name"));
        Assert.True(ByKind["Secret"].Map("stringData").Has("OPENAI_API_KEY"));
        Assert.True(ByKind["Secret"].Map("stringData").Has("ANTHROPIC_API_KEY"));
    }

    [Fact]
    public void Deployment_RunsAsTheImagesNonRootUserWithAReadOnlyRoot()
    {
        var pod = Deployment.Map("spec", "template", "spec", "securityContext");

        Assert.Equal("true", pod.Text("runAsNonRoot"));
        Assert.Equal("1654", pod.Text("runAsUser"));
        Assert.Equal("true", Container.Text("securityContext", "readOnlyRootFilesystem"));
        Assert.Contains(Container.List("volumeMounts"), m => m.Text("mountPath") == "/tmp");
    }

    [Fact]
    public void Service_SelectsTheDeploymentsPodsOnPort8080()
    {
        var service = ByKind["Service"];
        var podLabels = Deployment.Map("spec", "template", "metadata", "labels");
        var port = Assert.Single(service.List("spec", "ports"));

        Assert.All(service.Map("spec", "selector").Children, label => Assert.Equal(label.Value.ToString(), podLabels.Text(label.Key.ToString())));
        Assert.Equal("8080", port.Text("port"));
        Assert.Equal("http", port.Text("targetPort"));
        Assert.Equal(Deployment.Map("spec", "selector", "matchLabels").Children.Count, service.Map("spec", "selector").Children.Count);
    }

    [Fact]
    public void Autoscaler_ScalesTheDeploymentOnCpu_WhichTheContainerRequests()
    {
        var hpa = ByKind["HorizontalPodAutoscaler"];

        Assert.Equal("autoscaling/v2", hpa.Text("apiVersion"));
        Assert.Equal("Deployment", hpa.Text("spec", "scaleTargetRef", "kind"));
        Assert.Equal(Deployment.Text("metadata", "name"), hpa.Text("spec", "scaleTargetRef", "name"));
        Assert.Equal("cpu", Assert.Single(hpa.List("spec", "metrics")).Text("resource", "name"));
        Assert.NotEmpty(Container.Text("resources", "requests", "cpu"));
        Assert.Equal(Deployment.Text("spec", "replicas"), hpa.Text("spec", "minReplicas"));
    }

    [Fact]
    public void DisruptionBudget_KeepsOneOfTheDeploymentsPods()
    {
        var budget = ByKind["PodDisruptionBudget"];

        Assert.Equal("1", budget.Text("spec", "minAvailable"));
        Assert.Equal(
            Deployment.Text("spec", "template", "metadata", "labels", "app.kubernetes.io/name"),
            budget.Text("spec", "selector", "matchLabels", "app.kubernetes.io/name"));
    }

    [Fact]
    public void Scraping_AnnotationsAndTheScrapeJob_TargetMetricsOnTheHttpPort()
    {
        var annotations = Deployment.Map("spec", "template", "metadata", "annotations");
        var job = Assert.Single(YamlFile.Document(Folder, Kubernetes, "prometheus-scrape.yml").List("scrape_configs"));
        var keeps = job.List("relabel_configs").Where(rule => rule.Has("action") && rule.Text("action") == "keep").ToList();

        Assert.Equal("true", annotations.Text("prometheus.io/scrape"));
        Assert.Equal("8080", annotations.Text("prometheus.io/port"));
        Assert.Equal("/metrics", annotations.Text("prometheus.io/path"));
        Assert.Equal("/metrics", job.Text("metrics_path"));
        Assert.Contains(keeps, rule => rule.Text("regex") == Deployment.Text("spec", "template", "metadata", "labels", "app.kubernetes.io/name"));
        Assert.Contains(keeps, rule => rule.Text("regex") == "http");
    }
}
