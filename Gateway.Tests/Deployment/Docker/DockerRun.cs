using System.Net;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment.Docker;

/// <summary>
/// <c>docker run [-e NAME[=value]]... [--add-host name:address]... image</c> on the default bridge network: the process the image describes,
/// its environment overridden by the <c>-e</c> options (a bare <c>-e NAME</c> passes the caller's value on), as the image's user.
/// </summary>
internal static class DockerRun
{
    /// <summary>The default bridge: the host side, which is where traffic to a published port comes from, and the first container.</summary>
    public static readonly IPAddress BridgeGateway = IPAddress.Parse("172.17.0.1");

    private static readonly IPAddress FirstContainer = IPAddress.Parse("172.17.0.2");

    public static ContainerSpec Spec(ImageConfig image, string name, IEnumerable<string> env, IReadOnlyDictionary<string, string>? shell = null)
    {
        var environment = new Dictionary<string, string>(image.Environment, StringComparer.Ordinal);
        foreach (var option in env)
        {
            var equals = option.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                environment[option[..equals]] = option[(equals + 1)..];
            }
            else if (shell?.GetValueOrDefault(option) is { } value)
            {
                environment[option] = value;
            }
        }

        return ContainerOf(image, name, environment) with { Mounts = [ContainerMount.Tmpfs("/tmp")] };
    }

    /// <summary>
    /// The container any runtime makes of <paramref name="image"/> with <paramref name="environment"/>: the image's command, working directory,
    /// files, user and health check; <c>HOSTNAME</c> and, when the image sets none, <c>HOME</c> as the runtime adds them.
    /// </summary>
    public static ContainerSpec ContainerOf(ImageConfig image, string name, Dictionary<string, string> environment, string? user = null)
    {
        var account = image.ResolveUser(user ?? image.User);
        environment.TryAdd("HOSTNAME", name);
        environment.TryAdd("HOME", image.HomeOf(account.Uid));
        return new ContainerSpec
        {
            Name = name,
            Command = image.Command,
            Environment = environment,
            WorkingDirectory = image.WorkingDirectory,
            User = account,
            Layers = image.Layers,
            HealthCheck = image.HealthCheck,
        };
    }

    /// <summary>The bridge network as the container sees it, with the <c>--add-host</c> entries (<c>host-gateway</c> is the bridge's own address).</summary>
    public static SandboxNetwork Network(string name, IEnumerable<string> addHosts)
    {
        var hosts = new Dictionary<string, IPAddress>(StringComparer.Ordinal);
        foreach (var entry in addHosts)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var address = entry[(colon + 1)..];
            hosts[entry[..colon]] = address == "host-gateway" ? BridgeGateway : IPAddress.Parse(address);
        }

        return new SandboxNetwork { HostName = name, ContainerAddress = FirstContainer, Hosts = hosts, Peers = [BridgeGateway] };
    }
}
