using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Kubernetes;

/// <summary>Where a Service sends its traffic: the pods its selector matches, on the container port its <c>targetPort</c> names or numbers.</summary>
internal static class KubernetesService
{
    public static int TargetPort(YamlNode service, YamlNode deployment, string? portName = null)
    {
        var labels = deployment.Map("spec", "template", "metadata", "labels");
        var selector = service.Map("spec", "selector").Pairs().ToList();
        if (selector.Count == 0 || selector.Any(pair => labels.TextOrNull(pair.Key) != pair.Value.ToString()))
        {
            throw new InvalidOperationException(
                $"Service {KubernetesObjects.NameOf(service)} selects no pod of Deployment {KubernetesObjects.NameOf(deployment)} (selector {string.Join(", ", selector)})");
        }

        var ports = service.List("spec", "ports");
        var port = portName is null ? ports is [var only] ? only : throw new InvalidDataException("the Service has several ports; name one")
            : ports.Single(p => p.TextOrNull("name") == portName);
        var target = port.TextOrNull("targetPort") ?? port.Text("port");
        return KubernetesPod.ContainerPort(KubernetesPod.Container(deployment), target.ToString(CultureInfo.InvariantCulture));
    }
}
