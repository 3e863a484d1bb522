using Gateway.Configuration;

namespace Gateway.Redaction;

/// <summary>
/// Every secret one configuration holds: backend and deployment API keys, the gateway's own keys, and passwords written into URLs.
/// <see cref="Redact"/> replaces each occurrence with <see cref="Mask"/>; longer secrets first, so one containing another goes whole.
/// The user-info of any URL in the text is masked too (<see cref="UrlUserInfo"/>), configured or not, however short.
/// </summary>
internal sealed class SecretSet
{
    public const string Mask = "[redacted]";

    /// <summary>Shorter values are not treated as secrets: masking them would mangle ordinary words.</summary>
    public const int MinLength = 6;

    private readonly string[] _secrets;

    private SecretSet(string[] secrets) => _secrets = secrets;

    public static SecretSet Empty { get; } = new([]);

    public int Count => _secrets.Length;

    public static SecretSet From(GatewayConfig config)
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in config.Server.ApiKeys)
        {
            Add(secrets, key);
        }

        foreach (var backend in config.Llm.Backends.Values)
        {
            Add(secrets, backend.ApiKey);
            AddUrlPassword(secrets, backend.BaseUrl);
            foreach (var urls in backend.Endpoints.Values)
            {
                foreach (var url in urls)
                {
                    AddUrlPassword(secrets, url);
                }
            }

            foreach (var deployment in backend.Deployments.Values)
            {
                Add(secrets, deployment.ApiKey);
                AddUrlPassword(secrets, deployment.Endpoint);
            }
        }

        return new SecretSet([.. secrets.OrderByDescending(secret => secret.Length)]);
    }

    /// <summary>This set and <paramref name="other"/>'s secrets together.</summary>
    public SecretSet With(SecretSet? other) =>
        other is null || other.Count == 0 ? this : new SecretSet([.. _secrets.Union(other._secrets, StringComparer.Ordinal).OrderByDescending(secret => secret.Length)]);

    public bool AppearsIn(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (UrlUserInfo.AppearsIn(text))
        {
            return true;
        }

        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public string Redact(string text)
    {
        text = UrlUserInfo.Mask(text);
        foreach (var secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static void Add(HashSet<string> secrets, string? value)
    {
        if (value is { Length: >= MinLength })
        {
            secrets.Add(value);
        }
    }

    private static void AddUrlPassword(HashSet<string> secrets, string? url)
    {
        if (url is not null && url.Contains('@', StringComparison.Ordinal) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            var userInfo = Uri.UnescapeDataString(uri.UserInfo);
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            Add(secrets, colon >= 0 ? userInfo[(colon + 1)..] : userInfo);
            Add(secrets, uri.UserInfo);
        }
    }
}
