using System.Globalization;

namespace Gateway.Configuration;

/// <summary>
/// Reads <c>server:</c> (access keys, request limits, rate limits, reload). The section is optional: without it the gateway listens on
/// loopback only, needs no key, and applies the default limits. Keys are never quoted in messages.
/// </summary>
internal static class ServerSectionReader
{
    public const int MinKeyLength = 16;

    private static readonly string[] Keys =
    [
        "api_keys", "allow_anonymous", "max_request_bytes", "max_json_depth", "max_messages",
        "min_request_body_rate", "request_body_grace_seconds", "rate_limit", "reload", "allowed_hosts", "cors_origins",
    ];

    private static readonly string[] RateLimitKeys = ["requests_per_minute", "tokens_per_minute"];

    public static void Read(ConfigNode? node, ConfigDraft draft)
    {
        var literalKeys = LiteralKeyScan.Find(draft.Root.Yaml);
        if (node is null)
        {
            draft.Server = new ServerConfig { LiteralKeys = literalKeys };
            return;
        }

        var section = node.Mapping(Keys);
        var defaults = new ServerConfig();
        draft.Server = new ServerConfig
        {
            ApiKeys = ReadKeys(section.Get("api_keys")),
            AllowAnonymous = section.Get("allow_anonymous")?.Bool() ?? false,
            MaxRequestBytes = WholeNumber(section.Get("max_request_bytes"), 1024, int.MaxValue) ?? defaults.MaxRequestBytes,
            MaxJsonDepth = WholeNumber(section.Get("max_json_depth"), 2, 256) ?? defaults.MaxJsonDepth,
            MaxMessages = WholeNumber(section.Get("max_messages"), 1, 1_000_000) ?? defaults.MaxMessages,
            MinRequestBodyRate = section.Get("min_request_body_rate")?.Number(1, 1e9) ?? defaults.MinRequestBodyRate,
            RequestBodyGrace = section.Get("request_body_grace_seconds")?.Number(1.5, 3600) is { } grace ? TimeSpan.FromSeconds(grace) : defaults.RequestBodyGrace,
            RateLimit = ReadRateLimit(section.Get("rate_limit")),
            Reload = section.Get("reload")?.Bool() ?? true,
            AllowedHosts = BrowserAccessReader.Hosts(section.Get("allowed_hosts")),
            CorsOrigins = BrowserAccessReader.Origins(section.Get("cors_origins")),
            LiteralKeys = literalKeys,
        };
    }

    private static List<string> ReadKeys(ConfigNode? node)
    {
        var keys = new List<string>();
        foreach (var item in node?.Items("a list of keys, e.g. [\"${GATEWAY_API_KEY}\"]") ?? [])
        {
            if (item.Expand("an API key") is not { } expansion)
            {
                continue;
            }

            var key = expansion.Value;
            if (key.Length == 0)
            {
                // ${VAR:-} says "no key when VAR is unset"; a bare ${VAR} that is unset is a mistake worth stopping for.
                if (expansion.Unset.Count > 0)
                {
                    var name = expansion.Unset[0];
                    item.Error($"{ConfigNode.BecauseUnset(expansion.Unset)}; set {name} (environment or .env), or write ${{{name}:-}} to make this key optional");
                }

                continue;
            }

            if (!IsHeaderSafe(key))
            {
                item.Error("an API key cannot contain spaces, control characters or non-ASCII characters (it travels in an HTTP header)");
                continue;
            }

            if (key.Length < MinKeyLength)
            {
                item.Warning($"this key has only {key.Length} characters; use a long random key (at least {MinKeyLength}), e.g. the output of `openssl rand -hex 32`");
            }

            keys.Add(key);
        }

        return keys;
    }

    private static RateLimitConfig? ReadRateLimit(ConfigNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var section = node.Mapping(RateLimitKeys);
        var limits = new RateLimitConfig
        {
            RequestsPerMinute = WholeNumber(section.Get("requests_per_minute"), 1, 100_000_000),
            TokensPerMinute = WholeNumber(section.Get("tokens_per_minute"), 1, 1_000_000_000),
        };
        return limits.RequestsPerMinute is null && limits.TokensPerMinute is null ? null : limits;
    }

    private static int? WholeNumber(ConfigNode? node, int min, int max)
    {
        if (node?.Number(min, max) is not { } value)
        {
            return null;
        }

        if (value != Math.Floor(value))
        {
            node.Error($"expected a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, found a fraction");
            return null;
        }

        return (int)value;
    }

    private static bool IsHeaderSafe(string key)
    {
        foreach (var c in key)
        {
            if (c <= ' ' || c >= '\u007f')
            {
                return false;
            }
        }

        return true;
    }
}
