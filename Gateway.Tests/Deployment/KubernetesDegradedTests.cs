using Gateway.Tests.Deployment.Harness;
using Gateway.Tests.Deployment.Kubernetes;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment;

/// <summary>Pods of the Deployment in a cluster that is not all there: no Ollama reachable, or the Secret applied as shipped.</summary>
public sealed class KubernetesDegradedTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [NamespaceFact]
    public async Task ReadinessProbe_WhileOllamaIsUnreachable_StaysReady()
    {
        var key = GatewayKeys.New();
        await using var pod = await PodUp.StartAsync(KubernetesFixture.ClusterWithKey(key), withOllama: false);

        var readiness = await Kubelet.ProbeAsync(pod.Gateway.Container, pod.Probe("readinessProbe"));
        var (backendsStatus, backends) = await pod.Gateway.GetAsync("/health/backends", key);

        Assert.True(pod.Startup.Success, pod.Startup.Detail);
        Assert.True(readiness.Status == 200, readiness.Detail);
        Assert.True(backendsStatus == 503, $"Ollama should be unreachable, yet /health/backends answered {backendsStatus} {backends}");
    }

    [NamespaceFact]
    public async Task Pod_WithTheSecretAsShipped_NeverStartsAndSaysGatewayApiKeyIsMissing()
    {
        await using var pod = await PodUp.StartAsync(DeploymentFiles.Kubernetes(), withOllama: false);

        var exit = await pod.Gateway.Container.WaitForExitAsync(ExitTimeout);

        Assert.False(pod.Startup.Success, pod.Startup.Detail);
        Assert.True(exit == 1, $"exit {exit}; output:\n{pod.Gateway.Container.Output}");
        Assert.Contains("GATEWAY_API_KEY", pod.Gateway.Container.Output, StringComparison.Ordinal);
    }
}
