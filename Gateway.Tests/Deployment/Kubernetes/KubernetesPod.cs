using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Tests.Deployment.Docker;
using Gateway.Tests.Deployment.Sandbox;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Kubernetes;

/// <summary>
/// A pod of a Deployment as the kubelet starts its container: the image's entrypoint unless <c>command</c>/<c>args</c> replace it, the
/// image's environment, then <c>envFrom</c>, then <c>env</c>; its volumes (ConfigMap and Secret items as files, emptyDir as a fresh tmpfs)
/// and its security context (user and group, non-root check, read-only root, no privilege escalation, capabilities dropped).
/// </summary>
internal static partial class KubernetesPod
{
    public static YamlMappingNode PodSpec(YamlNode deployment) => deployment.Map("spec", "template", "spec");

    public static YamlMappingNode Container(YamlNode deployment, string? name = null)
    {
        var containers = PodSpec(deployment).List("containers");
        return (YamlMappingNode)(name is null
            ? containers is [var only] ? only : throw new InvalidDataException("the pod has several containers; name one")
            : containers.Single(c => c.Text("name") == name));
    }

    /// <summary>A port of the container by number or by the name of one of its <c>ports</c>.</summary>
    public static int ContainerPort(YamlNode container, string port) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : container.Get("ports") is YamlSequenceNode ports && ports.Children.FirstOrDefault(p => p.TextOrNull("name") == port) is { } named
            ? int.Parse(named.Text("containerPort"), CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"container {container.TextOrNull("name")} has no port named '{port}'");

    public static ContainerSpec ContainerOf(KubernetesObjects cluster, YamlMappingNode deployment, ImageConfig image, string podName)
    {
        var pod = PodSpec(deployment);
        var container = Container(deployment);
        var security = SecurityContext(pod, container);
        var environment = new Dictionary<string, string>(image.Environment, StringComparer.Ordinal);
        foreach (var source in container.Get("envFrom") is YamlSequenceNode envFrom ? envFrom.Children : [])
        {
            foreach (var (name, value) in EnvFrom(cluster, source))
            {
                environment[name] = value;
            }
        }

        foreach (var variable in container.Get("env") is YamlSequenceNode env ? env.Children : [])
        {
            environment[variable.Text("name")] = EnvValue(cluster, variable, environment);
        }

        if (container.Get("command") is YamlSequenceNode command)
        {
            image = image with { Entrypoint = [.. command.Children.Select(c => Expand(c.ToString(), environment))], Cmd = [] };
        }

        if (container.Get("args") is YamlSequenceNode args)
        {
            image = image with { Cmd = [.. args.Children.Select(a => Expand(a.ToString(), environment))] };
        }

        image = image with { WorkingDirectory = container.TextOrNull("workingDir") ?? image.WorkingDirectory, HealthCheck = null };
        var user = security.RunAsUser is { } uid ? $"{uid}" + (security.RunAsGroup is { } gid ? $":{gid}" : "") : image.User;
        var spec = DockerRun.ContainerOf(image, podName, environment, user);
        if (security.RunAsNonRoot && spec.User.Uid == 0)
        {
            throw new InvalidOperationException($"{podName}: container has runAsNonRoot and image will run as root");
        }

        var mounts = Mounts(cluster, pod, container).ToList();
        if (!security.ReadOnlyRoot && !mounts.Any(m => m.Target == "/tmp"))
        {
            mounts.Add(ContainerMount.Tmpfs("/tmp"));
        }

        return spec with
        {
            Mounts = mounts,
            ReadOnlyRoot = security.ReadOnlyRoot,
            NoNewPrivileges = !security.AllowPrivilegeEscalation,
            DropAllCapabilities = security.DropAll,
        };
    }

    private static IEnumerable<(string Name, string Value)> EnvFrom(KubernetesObjects cluster, YamlNode source)
    {
        var prefix = source.TextOrNull("prefix") ?? "";
        var (kind, reference) = source.Get("secretRef") is { } secret ? ("Secret", secret) : ("ConfigMap", source.Map("configMapRef"));
        var name = reference.Text("name");
        if (cluster.TryFind(kind, name) is null)
        {
            if (reference.TextOrNull("optional") == "true")
            {
                yield break;
            }

            throw new InvalidOperationException($"CreateContainerConfigError: {kind.ToLowerInvariant()} \"{name}\" not found");
        }

        var values = kind == "Secret" ? cluster.SecretValues(name) : cluster.ConfigMapData(name);
        foreach (var (key, value) in values)
        {
            if (EnvName().IsMatch(prefix + key))
            {
                yield return (prefix + key, value);
            }
        }
    }

    private static string EnvValue(KubernetesObjects cluster, YamlNode variable, IReadOnlyDictionary<string, string> defined)
    {
        if (variable.TextOrNull("value") is { } value)
        {
            return Expand(value, defined);
        }

        if (variable.Get("valueFrom") is not { } from)
        {
            return "";
        }

        var (values, reference) = from.Get("secretKeyRef") is { } secret
            ? (cluster.SecretValues(secret.Text("name")), secret)
            : (cluster.ConfigMapData(from.Map("configMapKeyRef").Text("name")), from.Map("configMapKeyRef"));
        return values.TryGetValue(reference.Text("key"), out var found)
            ? found
            : throw new InvalidOperationException($"CreateContainerConfigError: couldn't find key {reference.Text("key")} in {reference.Text("name")}");
    }

    /// <summary><c>$(VAR)</c> in env values, command and args: the value of a variable defined before; <c>$$(VAR)</c> stays literal.</summary>
    private static string Expand(string text, IReadOnlyDictionary<string, string> defined) =>
        Reference().Replace(text, match => match.Value.StartsWith("$$", StringComparison.Ordinal)
            ? match.Value[1..]
            : defined.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value);

    [GeneratedRegex(@"\$\$?\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvName();
}
