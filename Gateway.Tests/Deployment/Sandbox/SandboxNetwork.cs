using System.Net;
using System.Text;

namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>
/// The network a sandboxed container sees: its own address and host name, the names it resolves (compose services, <c>--add-host</c>
/// entries, cluster services) and the addresses others reach it from (the node's kubelet, the bridge behind a published port). All of them
/// live on the loopback device of the container's private namespace, so nothing leaves it.
/// </summary>
internal sealed record SandboxNetwork
{
    public required string HostName { get; init; }

    public required IPAddress ContainerAddress { get; init; }

    /// <summary>Names the container resolves through <c>/etc/hosts</c>, besides its own.</summary>
    public IReadOnlyDictionary<string, IPAddress> Hosts { get; init; } = new Dictionary<string, IPAddress>(StringComparer.Ordinal);

    /// <summary>Addresses of the others that connect to the container.</summary>
    public IReadOnlyList<IPAddress> Peers { get; init; } = [];

    public IEnumerable<IPAddress> Addresses => new[] { ContainerAddress }.Concat(Hosts.Values).Concat(Peers).Where(a => !IPAddress.IsLoopback(a)).Distinct();

    /// <summary>The container's <c>/etc/hosts</c>, laid out as Docker writes it.</summary>
    public string HostsFile()
    {
        var hosts = new StringBuilder();
        hosts.Append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        hosts.Append($"{ContainerAddress}\t{HostName}\n");
        foreach (var (name, address) in Hosts)
        {
            hosts.Append($"{address}\t{name}\n");
        }

        return hosts.ToString();
    }

    /// <summary>An address, or a name of this network, as a peer in it resolves it.</summary>
    public IPAddress Resolve(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var address) ? address
        : host == HostName ? ContainerAddress
        : Hosts.TryGetValue(host, out var known) ? known
        : throw new HttpRequestException($"{host} is not a name of this network ({string.Join(", ", Hosts.Keys.Prepend(HostName))})");
}
