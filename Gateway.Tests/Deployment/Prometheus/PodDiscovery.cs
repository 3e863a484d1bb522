using System.Net;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Prometheus;

/// <summary>
/// What Prometheus' Kubernetes discovery (<c>role: pod</c>) reports for a pod of a Deployment: a target per declared container port, with
/// the <c>__meta_kubernetes_*</c> labels of the pod (its labels and annotations from the template, namespace, name, IP, container and port).
/// </summary>
internal static partial class PodDiscovery
{
    public static List<Dictionary<string, string>> TargetsOf(YamlNode deployment, string podName, IPAddress podIp, string kubernetesNamespace)
    {
        var template = deployment.Map("spec", "template");
        var common = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["__meta_kubernetes_namespace"] = kubernetesNamespace,
            ["__meta_kubernetes_pod_name"] = podName,
            ["__meta_kubernetes_pod_ip"] = podIp.ToString(),
        };
        foreach (var (key, value) in template.Get("metadata")?.Get("labels").Pairs() ?? [])
        {
            common[$"__meta_kubernetes_pod_label_{Sanitize(key)}"] = value.ToString();
        }

        foreach (var (key, value) in template.Get("metadata")?.Get("annotations").Pairs() ?? [])
        {
            common[$"__meta_kubernetes_pod_annotation_{Sanitize(key)}"] = value.ToString();
        }

        var targets = new List<Dictionary<string, string>>();
        foreach (var container in template.List("spec", "containers"))
        {
            foreach (var port in container.Get("ports") is YamlSequenceNode ports ? ports.Children : [])
            {
                targets.Add(new Dictionary<string, string>(common, StringComparer.Ordinal)
                {
                    ["__address__"] = $"{podIp}:{port.Text("containerPort")}",
                    ["__meta_kubernetes_pod_container_name"] = container.Text("name"),
                    ["__meta_kubernetes_pod_container_port_name"] = port.TextOrNull("name") ?? "",
                    ["__meta_kubernetes_pod_container_port_number"] = port.Text("containerPort"),
                });
            }
        }

        return targets;
    }

    private static string Sanitize(string name) => Invalid().Replace(name, "_");

    [GeneratedRegex("[^a-zA-Z0-9_]")]
    private static partial Regex Invalid();
}
