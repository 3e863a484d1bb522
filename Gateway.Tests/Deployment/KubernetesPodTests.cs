using Gateway.Tests.Deployment.Harness;
using Gateway.Tests.Deployment.Kubernetes;
using Gateway.Tests.Deployment.Prometheus;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment;

/// <summary>
/// A pod of the Deployment, started from the manifests (image entrypoint, env, the Secret's keys, the ConfigMap at /app/config, user 1654,
/// read-only root, /tmp emptyDir): the kubelet's probes pass from the node without a key, a client pod chats through the Service with the
/// Secret's key, and the cluster's Prometheus scrapes it with the job of prometheus-scrape.yml.
/// </summary>
public sealed class KubernetesPodTests(KubernetesFixture fixture) : IClassFixture<KubernetesFixture>
{
    [NamespaceFact]
    public async Task StartupProbe_FromTheNode_SucceedsWithoutAKey()
    {
        var pod = await fixture.Pod;

        Assert.True(pod.Startup.Success, $"{pod.Startup}\npod output:\n{pod.Gateway.Container.Output}");
    }

    [NamespaceTheory]
    [InlineData("livenessProbe")]
    [InlineData("readinessProbe")]
    public async Task Probe_AfterStartup_Answers200FromTheNodeWithoutAKey(string kind)
    {
        var pod = await fixture.Pod;

        var result = await Kubelet.ProbeAsync(pod.Gateway.Container, pod.Probe(kind));

        Assert.True(result.Status == 200, result.Detail);
    }

    [NamespaceFact]
    public async Task Chat_FromAClientPodThroughTheServiceWithTheSecretsKey_IsAnsweredByOllama()
    {
        var pod = await fixture.Pod;

        var completion = await pod.Gateway.ChatAsync(fixture.Key);

        Assert.False(string.IsNullOrEmpty(completion.Content.Single().Text));
        Assert.Contains(pod.Gateway.Ollamas.Single().Stub.Requests, request => request.Path == "/api/chat");
    }

    [NamespaceFact]
    public async Task ScrapeJob_WithTheSecretMountedInPrometheus_Gets200FromMetrics()
    {
        var pod = await fixture.Pod;
        var job = Assert.Single(ScrapeJob.Load(File.ReadAllText(Path.Combine(DeploymentFiles.KubernetesFolder, "prometheus-scrape.yml"))));
        var secret = pod.Cluster.SecretValues(PodUp.SecretName(pod.Deployment));
        var targets = PrometheusScraper.Targets(job, PodDiscovery.TargetsOf(pod.Deployment, pod.PodName, PodNetwork.Pod, "default"));
        using var http = pod.Gateway.Http(from: PodNetwork.PrometheusPod);

        var target = Assert.Single(targets);
        var (status, body) = await PrometheusScraper.ScrapeAsync(http, job, target, file => secret.GetValueOrDefault(Path.GetFileName(file)));

        Assert.True(status == 200, $"scraping {target}{job.MetricsPath}: {status} {body}");
        Assert.Contains("# TYPE ", body, StringComparison.Ordinal);
    }
}
