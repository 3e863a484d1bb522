using System.Net;
using Gateway.Configuration;

namespace Gateway.Security;

/// <summary>
/// Which host names and origins the config in force accepts. Host names: always the loopback names (<c>localhost</c>,
/// <c>*.localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>), plus <c>server.allowed_hosts</c>; checked while the gateway listens on loopback
/// only, or whenever <c>allowed_hosts</c> is set. Origins: those <c>server.cors_origins</c> lists, or any with <c>*</c>.
/// </summary>
internal static class BrowserAccess
{
    /// <summary>Whether <paramref name="host"/> (the <c>Host</c> header's name, without port) may be served.</summary>
    public static bool AllowsHost(ServerConfig server, bool loopbackOnly, string host)
    {
        if ((!loopbackOnly && server.AllowedHosts.Count == 0) || host.Length == 0)
        {
            // Beyond loopback a gateway is reached by names it cannot know; a request without Host (HTTP/1.0) comes from no browser.
            return true;
        }

        var name = host.TrimEnd('.');
        if (IsLoopbackName(name))
        {
            return true;
        }

        foreach (var allowed in server.AllowedHosts)
        {
            if (allowed == "*" || name.Equals(allowed, StringComparison.OrdinalIgnoreCase)
                || (allowed.StartsWith("*.", StringComparison.Ordinal) && name.Length > allowed.Length - 1
                    && name.EndsWith(allowed.AsSpan(1), StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="origin"/> (an <c>Origin</c> header) is one <c>server.cors_origins</c> opts in.</summary>
    public static bool AllowsOrigin(ServerConfig server, string origin)
    {
        foreach (var allowed in server.CorsOrigins)
        {
            if (allowed == "*" || origin.Equals(allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLoopbackName(string name)
    {
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var address = name.StartsWith('[') && name.EndsWith(']') ? name[1..^1] : name;
        return IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip);
    }
}
