using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Kubernetes;

/// <summary>An <c>httpGet</c> probe of a container with Kubernetes' defaults filled in and its port resolved to a number.</summary>
internal sealed record KubernetesProbe(string Kind, string Scheme, string Path, int Port, TimeSpan Timeout, TimeSpan Period, int FailureThreshold)
{
    /// <summary>The container's <paramref name="kind"/> (startupProbe, livenessProbe, readinessProbe), or null when it has none.</summary>
    public static KubernetesProbe? Of(YamlNode container, string kind)
    {
        if (container.Get(kind) is not YamlMappingNode probe)
        {
            return null;
        }

        var http = probe.Get("httpGet") ?? throw new NotSupportedException($"{kind}: only httpGet probes are modelled by these tests");
        return new KubernetesProbe(
            kind,
            (http.TextOrNull("scheme") ?? "HTTP").ToLowerInvariant(),
            http.TextOrNull("path") ?? "/",
            KubernetesPod.ContainerPort(container, http.Text("port")),
            TimeSpan.FromSeconds(Seconds(probe, "timeoutSeconds", 1)),
            TimeSpan.FromSeconds(Seconds(probe, "periodSeconds", 10)),
            Seconds(probe, "failureThreshold", 3));
    }

    private static int Seconds(YamlNode probe, string key, int fallback) =>
        probe.TextOrNull(key) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
