using System.Net;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment.Kubernetes;

/// <summary>A pod's network as the tests lay it out: the pod's address, the node its kubelet probes from, other pods, cluster services by name.</summary>
internal static class PodNetwork
{
    public static readonly IPAddress Node = IPAddress.Parse("10.244.1.1");

    public static readonly IPAddress Pod = IPAddress.Parse("10.244.1.10");

    /// <summary>Another pod of the cluster: a client of the gateway's Service.</summary>
    public static readonly IPAddress ClientPod = IPAddress.Parse("10.244.1.11");

    public static readonly IPAddress PrometheusPod = IPAddress.Parse("10.244.1.12");

    /// <summary>Where the cluster's Ollama Service (in the pod's namespace, named <c>ollama</c>) has its cluster IP.</summary>
    public static readonly IPAddress OllamaService = IPAddress.Parse("10.96.0.50");

    public static SandboxNetwork For(string podName) => new()
    {
        HostName = podName,
        ContainerAddress = Pod,
        Hosts = new Dictionary<string, IPAddress>(StringComparer.Ordinal) { ["ollama"] = OllamaService },
        Peers = [Node, ClientPod, PrometheusPod],
    };
}
