using System.Globalization;

namespace Gateway.Tests.Deployment.Compose;

/// <summary>An entry of a service's <c>ports</c>: <c>[host_ip:][host_port:]container_port[/protocol]</c>.</summary>
internal sealed record PublishedPort(string? HostIp, int? HostPort, int ContainerPort)
{
    public static PublishedPort Parse(string text)
    {
        var parts = text.Split('/')[0].Split(':');
        var container = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        return parts.Length switch
        {
            1 => new PublishedPort(null, null, container),
            2 => new PublishedPort(null, int.Parse(parts[0], CultureInfo.InvariantCulture), container),
            _ => new PublishedPort(string.Join(':', parts[..^2]), int.Parse(parts[^2], CultureInfo.InvariantCulture), container),
        };
    }
}
