using System.Net;
using Gateway.Tests.Deployment.Sandbox;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Compose;

/// <summary>
/// A compose file as <c>docker compose up</c> reads it: interpolated from the caller's shell environment (refusing as compose does), its
/// services in their profiles, each on the project's network with an address and its service name resolvable by the others.
/// </summary>
internal sealed partial class ComposeProject
{
    /// <summary>The project network's gateway: where traffic to a published port enters the network from the host.</summary>
    public static readonly IPAddress NetworkGateway = IPAddress.Parse("10.89.0.1");

    private readonly YamlMappingNode _root;
    private readonly IReadOnlyDictionary<string, string> _shell;

    private ComposeProject(string file, YamlMappingNode root, IReadOnlyDictionary<string, string> shell)
    {
        ProjectDirectory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        _root = root;
        _shell = shell;
        Name = root.TextOrNull("name") ?? Path.GetFileName(ProjectDirectory);
    }

    public string ProjectDirectory { get; }

    public string Name { get; }

    public IReadOnlyList<string> ServiceNames => [.. _root.Map("services").Pairs().Select(pair => pair.Key)];

    /// <summary>Reads and interpolates <paramref name="file"/>; throws <see cref="ComposeInterpolationException"/> where compose refuses it.</summary>
    public static ComposeProject Load(string file, IReadOnlyDictionary<string, string> shell)
    {
        var root = YamlFile.Document(file);
        ComposeInterpolator.Apply(root, shell.GetValueOrDefault);
        return new ComposeProject(file, root, shell);
    }

    public YamlMappingNode Service(string name) => _root.Map("services", name);

    /// <summary>The services <c>up</c> starts with these profiles enabled: those without profiles, and those in an enabled one.</summary>
    public IReadOnlyList<string> ActiveServices(params string[] profiles) =>
        [.. ServiceNames.Where(name => Service(name).Get("profiles") is not YamlSequenceNode listed || listed.Children.Any(p => profiles.Contains(p.ToString())))];

    public IPAddress AddressOf(string service)
    {
        var index = ServiceNames.ToList().IndexOf(service);
        return index < 0 ? throw new KeyNotFoundException($"no service '{service}'") : IPAddress.Parse($"10.89.0.{index + 2}");
    }

    /// <summary>
    /// The project network as <paramref name="service"/> sees it: every active service by name, the host behind the gateway, and the
    /// service's <c>extra_hosts</c> (<c>host-gateway</c> being the network gateway's address, as Docker maps it).
    /// </summary>
    public SandboxNetwork NetworkOf(string service, params string[] profiles)
    {
        var hosts = ActiveServices(profiles).Where(name => name != service).ToDictionary(name => name, AddressOf, StringComparer.Ordinal);
        if (Service(service).Get("extra_hosts") is YamlSequenceNode extra)
        {
            foreach (var entry in extra.Children.Select(child => child.ToString()))
            {
                var colon = entry.IndexOf(':', StringComparison.Ordinal);
                var address = entry[(colon + 1)..];
                hosts[entry[..colon]] = address == "host-gateway" ? NetworkGateway : IPAddress.Parse(address);
            }
        }

        return new SandboxNetwork { HostName = service, ContainerAddress = AddressOf(service), Hosts = hosts, Peers = [NetworkGateway] };
    }

    public IReadOnlyList<PublishedPort> PortsOf(string service) =>
        Service(service).Get("ports") is YamlSequenceNode ports ? [.. ports.Children.Select(port => PublishedPort.Parse(port.ToString()))] : [];

    /// <summary>
    /// The text at <paramref name="containerPath"/> in <paramref name="service"/>'s container as far as the project puts it there (a bind volume
    /// or a config), or null when the project mounts nothing there.
    /// </summary>
    public string? ReadFile(string service, string containerPath)
    {
        foreach (var mount in MountsOf(service).Reverse())
        {
            if (mount.Target == containerPath)
            {
                return mount.Kind == MountKind.Content ? mount.Text : File.ReadAllText(mount.HostPath!);
            }

            if (mount.Kind == MountKind.Bind && Directory.Exists(mount.HostPath) && ContainerPath.IsWithin(containerPath, mount.Target))
            {
                var file = Path.Combine(mount.HostPath, ContainerPath.Relative(containerPath, mount.Target));
                return File.Exists(file) ? File.ReadAllText(file) : null;
            }
        }

        return null;
    }

    /// <summary>The bind volumes and configs of <paramref name="service"/>, in the order compose mounts them.</summary>
    private IEnumerable<ContainerMount> MountsOf(string service)
    {
        var definition = Service(service);
        foreach (var node in definition.Get("volumes") is YamlSequenceNode volumes ? volumes.Children : [])
        {
            var volume = ComposeVolume.Parse(node, ProjectDirectory);
            yield return volume.Type switch
            {
                "bind" => ContainerMount.Bind(volume.Target, volume.Source!, volume.ReadOnly),
                "tmpfs" => ContainerMount.Tmpfs(volume.Target),
                _ => throw new NotSupportedException($"service {service}: volume '{volume.Source}' at {volume.Target} is a {volume.Type} volume, which the tests cannot provide"),
            };
        }

        foreach (var node in definition.Get("configs") is YamlSequenceNode configs ? configs.Children : [])
        {
            var source = node is YamlScalarNode name ? name.Value! : node.Text("source");
            var target = (node as YamlMappingNode)?.TextOrNull("target") ?? "/" + source;
            yield return ContainerMount.Content(target, ConfigText(source));
        }
    }

    /// <summary>A top-level config's text: <c>content</c>, <c>file</c> (project-relative) or <c>environment</c> (a variable of the shell).</summary>
    private string ConfigText(string name)
    {
        var config = _root.Map("configs", name);
        return config.TextOrNull("content")
            ?? (config.TextOrNull("file") is { } file ? File.ReadAllText(Path.Combine(ProjectDirectory, file))
            : config.TextOrNull("environment") is { } variable ? _shell.GetValueOrDefault(variable) ?? ""
            : throw new NotSupportedException($"config {name}: only content, file and environment configs are modelled"));
    }
}
