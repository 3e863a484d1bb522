using Gateway.Tests.Deployment.Sandbox;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Kubernetes;

internal static partial class KubernetesPod
{
    /// <summary>The container's <c>volumeMounts</c>, each resolved against the pod's <c>volumes</c>.</summary>
    private static IEnumerable<ContainerMount> Mounts(KubernetesObjects cluster, YamlNode pod, YamlNode container)
    {
        var volumes = pod.Get("volumes") is YamlSequenceNode list ? list.Children : [];
        foreach (var mount in container.Get("volumeMounts") is YamlSequenceNode mounts ? mounts.Children : [])
        {
            var name = mount.Text("name");
            var target = mount.Text("mountPath");
            var readOnly = mount.TextOrNull("readOnly") == "true";
            if (mount.Has("subPath"))
            {
                throw new NotSupportedException($"volumeMount {name}: subPath is not modelled by these tests");
            }

            var volume = volumes.FirstOrDefault(v => v.Text("name") == name)
                ?? throw new InvalidOperationException($"volumeMount {name}: the pod has no volume of that name");
            if (volume.Get("emptyDir") is not null)
            {
                yield return ContainerMount.Tmpfs(target);
            }
            else if (volume.Get("configMap") is { } configMap)
            {
                yield return ContainerMount.Folder(target, Items(cluster.ConfigMapData(configMap.Text("name")), configMap, name), readOnly);
            }
            else if (volume.Get("secret") is { } secret)
            {
                yield return ContainerMount.Folder(target, Items(cluster.SecretValues(secret.Text("secretName")), secret, name), readOnly);
            }
            else
            {
                throw new NotSupportedException($"volume {name}: only emptyDir, configMap and secret volumes are modelled by these tests");
            }
        }
    }

    /// <summary>The files of a ConfigMap or Secret volume: every key, or only the listed <c>items</c> at their <c>path</c>.</summary>
    private static Dictionary<string, string> Items(IReadOnlyDictionary<string, string> data, YamlNode source, string volume)
    {
        if (source.Get("items") is not YamlSequenceNode items)
        {
            return new Dictionary<string, string>(data, StringComparer.Ordinal);
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items.Children)
        {
            var key = item.Text("key");
            files[item.Text("path")] = data.TryGetValue(key, out var value)
                ? value
                : throw new InvalidOperationException($"volume {volume}: configmap references non-existent config key: {key}");
        }

        return files;
    }
}
