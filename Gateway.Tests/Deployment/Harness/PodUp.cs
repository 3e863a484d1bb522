using Gateway.Tests.Deployment.Kubernetes;
using Gateway.Tests.Deployment.Sandbox;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Harness;

/// <summary>
/// A pod of the manifests' Deployment started as the kubelet starts it, from the objects given (the manifests, with the Secret as its user
/// filled it in), optionally with the cluster's Ollama Service served by a stand-in; its startup probe run until it passes or gives up.
/// Clients reach it through the manifests' Service, from another pod.
/// </summary>
internal sealed class PodUp : IAsyncDisposable
{
    private PodUp(KubernetesObjects cluster, YamlMappingNode deployment, RunningGateway gateway, ProbeResult startup)
    {
        Cluster = cluster;
        Deployment = deployment;
        Gateway = gateway;
        Startup = startup;
    }

    public KubernetesObjects Cluster { get; }

    public YamlMappingNode Deployment { get; }

    public RunningGateway Gateway { get; }

    /// <summary>The startup probe's verdict (the last attempt when it never passed).</summary>
    public ProbeResult Startup { get; }

    public string PodName => Gateway.Container.Spec.Name;

    public KubernetesProbe Probe(string kind) =>
        KubernetesProbe.Of(KubernetesPod.Container(Deployment), kind) ?? throw new InvalidOperationException($"the Deployment's container has no {kind}");

    public static async Task<PodUp> StartAsync(KubernetesObjects cluster, bool withOllama)
    {
        var deployment = cluster.Single("Deployment");
        var podName = $"{KubernetesObjects.NameOf(deployment)}-5d8f9c7b6d-q2x7z";
        var spec = KubernetesPod.ContainerOf(cluster, deployment, DeploymentFiles.Image(), podName);
        var container = await SandboxedContainer.StartAsync(spec, PodNetwork.For(podName));
        var gateway = new RunningGateway
        {
            Container = container,
            Url = new Uri($"http://{PodNetwork.Pod}:{KubernetesService.TargetPort(cluster.Single("Service"), deployment)}"),
            ClientAddress = PodNetwork.ClientPod,
        };
        try
        {
            if (withOllama)
            {
                gateway.Ollamas.Add(await OllamaStandIn.StartAsync(container, PodNetwork.OllamaService));
            }

            var startup = KubernetesProbe.Of(KubernetesPod.Container(deployment), "startupProbe")
                ?? KubernetesProbe.Of(KubernetesPod.Container(deployment), "readinessProbe")
                ?? throw new InvalidOperationException("the Deployment's container has neither a startup nor a readiness probe");
            return new PodUp(cluster, deployment, gateway, await Kubelet.WaitForStartupAsync(container, startup));
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }
    }

    /// <summary>The Secret the Deployment takes its environment from (its <c>envFrom</c> secretRef).</summary>
    public static string SecretName(YamlNode deployment) =>
        KubernetesPod.Container(deployment).List("envFrom").Select(source => source.Get("secretRef")?.TextOrNull("name")).OfType<string>().Single();

    public ValueTask DisposeAsync() => Gateway.DisposeAsync();
}
