using Gateway.Exchange;

namespace Gateway.Security;

/// <summary>The refusals that keep web pages the user opens from spending the gateway's backends.</summary>
internal static class BrowserErrors
{
    /// <summary>
    /// 421 Misdirected Request: the request is well formed, but addressed to a name this server does not answer for (RFC 9110 §15.5.20),
    /// the case of a page that rebinds its own name to 127.0.0.1. A 400 would tell the client its request is malformed, which it is not.
    /// </summary>
    public static ApiError HostNotAllowed(string host, bool loopbackOnly) => new(
        421,
        loopbackOnly
            ? $"The Host '{Shorten(host)}' is not a name this gateway answers to: listening on loopback only, it accepts localhost, 127.0.0.1 and [::1] (any port). "
                + "If you reach it by that name on purpose, add it to server.allowed_hosts."
            : $"The Host '{Shorten(host)}' is not one of server.allowed_hosts; add it there if you reach the gateway by that name.",
        null,
        "host_not_allowed");

    public static ApiError OriginNotAllowed(string origin) => new(
        403,
        $"Cross-origin requests from '{Shorten(origin)}' are not allowed: CORS is off unless server.cors_origins lists the page's origin (e.g. [\"{Example(origin)}\"]).",
        null,
        "origin_not_allowed");

    public static ApiError CrossSite(string? origin) => new(
        403,
        origin is null
            ? "A cross-site request cannot use the pass-through (/proxy): only pages of an origin listed in server.cors_origins may."
            : $"The pass-through (/proxy) refuses requests from pages of '{Shorten(origin)}': list that origin in server.cors_origins to allow them.",
        null,
        "cross_site_request");

    public static ApiError UnsupportedMediaType(string? contentType) => new(
        415,
        (contentType is null ? "The request body has no Content-Type" : $"The request body is '{Shorten(contentType)}'")
            + "; send it as JSON with 'Content-Type: application/json'"
            + (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
                ? " (curl -d sends a form unless told otherwise: add -H 'Content-Type: application/json')."
                : "."),
        null,
        "unsupported_media_type");

    private static string Example(string origin) => origin.Contains("://", StringComparison.Ordinal) ? Shorten(origin) : "https://app.example.com";

    /// <summary>Header values are the client's; cut short so one cannot bloat the answer.</summary>
    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
