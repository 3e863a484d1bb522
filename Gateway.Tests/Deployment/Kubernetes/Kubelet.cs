using System.Diagnostics;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment.Kubernetes;

/// <summary>
/// The kubelet's HTTP probes: <c>GET</c> of the probe's path on the pod's address and port, from the node's address, without credentials,
/// within the probe's <c>timeoutSeconds</c>; success for 200–399.
/// </summary>
internal static class Kubelet
{
    /// <summary>The longest a test waits for a startup probe, whatever budget the manifest gives it.</summary>
    private static readonly TimeSpan MaxStartup = TimeSpan.FromSeconds(30);

    /// <summary>The tests probe more often than <c>periodSeconds</c>; only the total budget is the manifest's.</summary>
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<ProbeResult> ProbeAsync(SandboxedContainer pod, KubernetesProbe probe)
    {
        var handler = NamespaceHttp.Handler(pod.Network, PodNetwork.Node, pod.SandboxNetwork.Resolve);
        handler.AllowAutoRedirect = false;
        using var http = new HttpClient(handler) { Timeout = probe.Timeout };
        var url = $"{probe.Scheme}://{pod.SandboxNetwork.ContainerAddress}:{probe.Port}{probe.Path}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd("kube-probe/1.33");
        request.Headers.Accept.ParseAdd("*/*");
        try
        {
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            return new ProbeResult(status is >= 200 and < 400, status, $"{probe.Kind} {url}: HTTP {status} {await response.Content.ReadAsStringAsync()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new ProbeResult(false, null, $"{probe.Kind} {url}: {e.GetType().Name} {e.Message}");
        }
    }

    /// <summary>
    /// Probes until one succeeds, the container exits, or the probe's budget (<c>failureThreshold</c> × <c>periodSeconds</c>, at most
    /// <see cref="MaxStartup"/>) is spent, as the kubelet gates the other probes behind the startup probe.
    /// </summary>
    public static async Task<ProbeResult> WaitForStartupAsync(SandboxedContainer pod, KubernetesProbe probe)
    {
        var budget = probe.Period * probe.FailureThreshold;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var result = await ProbeAsync(pod, probe);
            if (result.Success || pod.HasExited || deadline.Elapsed > (budget < MaxStartup ? budget : MaxStartup))
            {
                return pod.HasExited ? result with { Detail = $"{result.Detail}; the container exited:\n{pod.Output}" } : result;
            }

            await Task.Delay(RetryInterval);
        }
    }
}
