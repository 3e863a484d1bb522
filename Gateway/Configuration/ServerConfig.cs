namespace Gateway.Configuration;

/// <summary>
/// The <c>server:</c> section: who may call the gateway and how much one request may ask of it. Every value applies to requests that
/// arrive after a reload; none needs a restart.
/// </summary>
internal sealed record ServerConfig
{
    public const int DefaultMaxRequestBytes = 10 * 1024 * 1024;
    public const int DefaultMaxJsonDepth = 64;
    public const int DefaultMaxMessages = 2048;

    /// <summary>Kestrel's own default: a body slower than 240 bytes/s after a 5 s grace period is cut off.</summary>
    public const double DefaultMinRequestBodyRate = 240;

    /// <summary>
    /// <c>api_keys</c> after <c>${VAR}</c> expansion. When any is set, every endpoint but <c>GET /health</c> requires one of them.
    /// Never printed: the list's <c>ToString</c> is its type name, and messages only ever count the keys.
    /// </summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary><c>allow_anonymous</c>: listening beyond loopback without <see cref="ApiKeys"/> is intended.</summary>
    public bool AllowAnonymous { get; init; }

    /// <summary><c>max_request_bytes</c>: a larger request body is answered 413.</summary>
    public int MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;

    /// <summary><c>max_json_depth</c>: a request body nested deeper is answered 400.</summary>
    public int MaxJsonDepth { get; init; } = DefaultMaxJsonDepth;

    /// <summary><c>max_messages</c>: a chat request with more messages is answered 400.</summary>
    public int MaxMessages { get; init; } = DefaultMaxMessages;

    /// <summary><c>min_request_body_rate</c>: bytes per second below which a request body is cut off (after the grace period).</summary>
    public double MinRequestBodyRate { get; init; } = DefaultMinRequestBodyRate;

    /// <summary><c>request_body_grace_seconds</c>: how long a body may arrive slower than <see cref="MinRequestBodyRate"/>.</summary>
    public TimeSpan RequestBodyGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>rate_limit</c>; null when requests are not limited.</summary>
    public RateLimitConfig? RateLimit { get; init; }

    /// <summary><c>reload</c>: watch the config file and apply edits without a restart.</summary>
    public bool Reload { get; init; } = true;

    /// <summary>
    /// <c>allowed_hosts</c>: host names (lower-case; <c>*.corp.example</c> for the names under it, <c>*</c> for any) the gateway answers
    /// to besides the loopback names. Without it a gateway bound to loopback answers only <c>localhost</c>, <c>*.localhost</c>,
    /// <c>127.0.0.1</c> and <c>[::1]</c>, so a page that rebinds its own name to 127.0.0.1 is refused; one bound beyond loopback answers any.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary><c>cors_origins</c>: origins (lower-case, as browsers send them, or <c>*</c>) whose pages may call the gateway; none by default.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Where the file holds an API key written out instead of <c>${VAR}</c>, e.g. <c>llm.openai.api_key (line 12)</c>.</summary>
    public IReadOnlyList<string> LiteralKeys { get; init; } = [];

    public bool RequiresKey => ApiKeys.Count > 0;
}

/// <summary><c>server.rate_limit</c>: per gateway key, or per client address when no keys are configured.</summary>
internal sealed record RateLimitConfig
{
    /// <summary><c>requests_per_minute</c>.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary><c>tokens_per_minute</c>: input tokens, estimated as request body bytes / 4.</summary>
    public int? TokensPerMinute { get; init; }
}
