using System.Net;

namespace Gateway.Configuration;

/// <summary>
/// Reads <c>server.allowed_hosts</c> (host names the gateway answers to beyond the loopback names) and <c>server.cors_origins</c>
/// (origins whose pages may call it from a browser). Both are stored lower-case, so matching is a plain comparison.
/// </summary>
internal static class BrowserAccessReader
{
    private const string HostExample = "a list of host names, e.g. [\"gateway.internal\", \"*.corp.example\"]";
    private const string OriginExample = "a list of origins, e.g. [\"https://app.example.com\", \"http://localhost:3000\"], or [\"*\"]";

    public static List<string> Hosts(ConfigNode? node)
    {
        var hosts = new List<string>();
        foreach (var item in node?.Items(HostExample) ?? [])
        {
            if (item.RequiredText("a host name such as \"gateway.internal\"") is not { } text)
            {
                continue;
            }

            if (HostProblem(text.Trim()) is { } problem)
            {
                item.Error($"'{text}' {problem}");
                continue;
            }

            hosts.Add(text.Trim().ToLowerInvariant());
        }

        return hosts;
    }

    public static List<string> Origins(ConfigNode? node)
    {
        var origins = new List<string>();
        foreach (var item in node?.Items(OriginExample) ?? [])
        {
            if (item.RequiredText("an origin such as \"https://app.example.com\"") is not { } text)
            {
                continue;
            }

            if (Origin(text.Trim()) is { } origin)
            {
                origins.Add(origin);
            }
            else
            {
                item.Error($"'{text}' is not an origin: write scheme, host and port only (no path, no trailing slash), e.g. \"https://app.example.com\" or \"http://localhost:3000\", or \"*\" for any origin");
            }
        }

        return origins;
    }

    /// <summary>What is wrong with an <c>allowed_hosts</c> entry, or null: a name or address without port, or <c>*.</c> and a name.</summary>
    private static string? HostProblem(string host)
    {
        if (host == "*")
        {
            return null;
        }

        if (host.Contains("://", StringComparison.Ordinal) || host.Contains('/', StringComparison.Ordinal))
        {
            return "is not a host name: write the name alone, without scheme or path, e.g. \"gateway.internal\"";
        }

        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        if (name.StartsWith('[') && name.EndsWith(']') && IPAddress.TryParse(name[1..^1], out _))
        {
            return ReferenceEquals(name, host) ? null : "is not a host name: a wildcard (*.) goes before a name, not an address";
        }

        if (name.Contains(':', StringComparison.Ordinal))
        {
            return "holds a port: write the name alone (every port is accepted), and an IPv6 address in brackets, e.g. \"[fd00::1]\"";
        }

        return Uri.CheckHostName(name) == UriHostNameType.Unknown
            ? "is not a host name: expected a name such as \"gateway.internal\", an address, or \"*.corp.example\" for every name under corp.example"
            : null;
    }

    /// <summary>The origin as browsers send it (<c>https://app.example.com</c>, default port left out), or null when it is not one.</summary>
    private static string? Origin(string text)
    {
        if (text == "*")
        {
            return text;
        }

        if (!text.Contains("://", StringComparison.Ordinal) || text.EndsWith('/')
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0
            || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
