using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Kubernetes;

internal static partial class KubernetesPod
{
    private static PodSecurity SecurityContext(YamlNode pod, YamlNode container)
    {
        var podContext = pod.Get("securityContext");
        var own = container.Get("securityContext");
        string? Setting(string key) => own?.TextOrNull(key) ?? podContext?.TextOrNull(key);
        int? Number(string key) => Setting(key) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;
        var drop = own?.Get("capabilities")?.Get("drop") is YamlSequenceNode dropped ? dropped.Children.Select(c => c.ToString()) : [];
        return new PodSecurity(
            Number("runAsUser"),
            Number("runAsGroup"),
            Setting("runAsNonRoot") == "true",
            own?.TextOrNull("readOnlyRootFilesystem") == "true",
            own?.TextOrNull("allowPrivilegeEscalation") != "false",
            drop.Contains("ALL"));
    }
}
