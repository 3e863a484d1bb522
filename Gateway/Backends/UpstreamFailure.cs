namespace Gateway.Backends;

/// <summary>What kind of thing went wrong talking to an upstream.</summary>
internal enum FailureKind
{
    /// <summary>Could not connect: refused, reset, DNS, TLS.</summary>
    Connect,

    /// <summary>No answer (or no first token) within the time allowed.</summary>
    Timeout,

    /// <summary>The upstream answered with an error status (or an error event inside a stream).</summary>
    Status,

    /// <summary>The upstream answered with something that is not its protocol: HTML, truncated JSON, a cut stream.</summary>
    Protocol,

    /// <summary>The gateway could not even try: no API key configured for this backend.</summary>
    MissingKey,
}

/// <summary>One failed attempt, as a value. Messages never contain secrets.</summary>
internal sealed record UpstreamFailure
{
    public required FailureKind Kind { get; init; }

    /// <summary>The HTTP status the upstream answered with, or the status an in-stream error corresponds to (529 for overloaded).</summary>
    public int? StatusCode { get; init; }

    /// <summary>What happened, in the upstream's own words where it gave any.</summary>
    public required string Message { get; init; }

    /// <summary>The upstream's error type or code (<c>overloaded_error</c>, <c>rate_limit_exceeded</c>, <c>content_filter</c>), if any.</summary>
    public string? Code { get; init; }

    /// <summary>The request field at fault, when the failure is the request's (OpenAI's error <c>param</c>).</summary>
    public string? Param { get; init; }

    /// <summary>How long the upstream asked us to wait (<c>Retry-After</c>, <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The request's own time ran out (the client's <c>x-gateway-timeout-seconds</c> or <c>max_request_seconds</c>), not the
    /// endpoint's: it says nothing about the endpoint's health and is never counted against it.
    /// </summary>
    public bool OutOfRequestTime { get; init; }

    /// <summary>
    /// The upstream's error JSON as it sent it, kept only when the upstream speaks the client's own protocol (a request it received as the
    /// client sent it, <see cref="NativeRequest"/>): then the client is told in the upstream's words, which its recovery logic matches on.
    /// </summary>
    public string? WireError { get; init; }

    /// <summary>
    /// The request itself is at fault (400, 413, 422): no other backend will do better, so the plan stops and the client hears it.
    /// 401/403/404 are not here: a wrong key or a missing model on one backend still lets the next backend try.
    /// </summary>
    public bool IsClientError => Kind is FailureKind.Status && StatusCode is 400 or 413 or 422;
}
