using System.Net;
using Gateway.Configuration;

namespace Gateway.Security;

/// <summary>
/// The addresses the gateway is told to listen on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>) and which of them are
/// reachable from other machines. Without gateway keys such an address would let anyone spend the backends' keys, so the gateway
/// refuses it unless <c>server.allow_anonymous: true</c> says it is intended.
/// </summary>
internal sealed record ListenAddresses(IReadOnlyList<string> All, IReadOnlyList<string> BeyondLoopback)
{
    public static ListenAddresses From(IConfiguration configuration)
    {
        var all = new List<string>();
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            all.Add(url);
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                all.Add(url);
            }
        }

        return new ListenAddresses(all, [.. all.Where(url => !IsLoopback(url))]);
    }

    /// <summary>Why <paramref name="server"/> cannot serve on these addresses, or null when it can.</summary>
    public string? Refusal(ServerConfig server)
    {
        if (BeyondLoopback.Count == 0 || server.RequiresKey || server.AllowAnonymous)
        {
            return null;
        }

        return $"the gateway would listen on {string.Join(", ", BeyondLoopback)}, which other machines can reach, without any server.api_keys: "
            + "anyone who reaches it could spend your backends' keys. Set server.api_keys (e.g. [\"${GATEWAY_API_KEY}\"]) "
            + "or, if an open gateway is intended, server.allow_anonymous: true.";
    }

    /// <summary>
    /// True for <c>localhost</c>, <c>127.x.x.x</c>, <c>[::1]</c> and local sockets (<c>unix:</c>, <c>pipe:</c>). <c>*</c>, <c>+</c>,
    /// <c>0.0.0.0</c>, <c>[::]</c>, any other address and any other host name (Kestrel binds those to every interface) are not.
    /// </summary>
    public static bool IsLoopback(string url)
    {
        var rest = url.AsSpan();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            rest = rest[(scheme + 3)..];
        }

        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var slash = rest.IndexOf('/');
        var host = slash >= 0 ? rest[..slash] : rest;
        if (host.StartsWith("["))
        {
            var close = host.IndexOf(']');
            host = close > 0 ? host[1..close] : host;
        }
        else if (host.LastIndexOf(':') is var colon and >= 0)
        {
            host = host[..colon];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
