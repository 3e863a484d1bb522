using Gateway.Backends;

namespace Gateway.Doctor;

/// <summary>What one endpoint's model-listing request came back with: no answer, an HTTP status, and (for 2xx) the names it lists.</summary>
internal sealed record ProbeResult
{
    /// <summary>The request as described in messages: <c>GET /api/tags</c>.</summary>
    public required string Request { get; init; }

    /// <summary>Time to the response headers (or to the failure).</summary>
    public long ElapsedMs { get; init; }

    /// <summary>Why no HTTP answer came (refused, DNS, timeout); null when the endpoint answered.</summary>
    public UpstreamFailure? Unanswered { get; init; }

    /// <summary>The HTTP status, when the endpoint answered.</summary>
    public int? Status { get; init; }

    /// <summary>The upstream's own error message for a non-2xx answer, shortened; secrets it quotes are masked later.</summary>
    public string? ErrorText { get; init; }

    /// <summary>The names a 2xx listing holds; null when not read (no listing for this kind) or when it was not a listing.</summary>
    public IReadOnlyList<string>? Listed { get; init; }

    /// <summary>True when a 2xx answer was expected to be a listing and was not.</summary>
    public bool NotAListing { get; init; }

    public bool IsSuccess => Status is >= 200 and < 300;
}
