using System.Buffers;
using System.Text;
using Gateway.Exchange;
using Gateway.Surfaces;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Gateway.Security;

/// <summary>
/// Refuses a request whose head is too large or holds bytes no header may carry, in the surface's error shape: 414 for a request line
/// past <see cref="MaxRequestLineBytes"/>, 431 for headers past <see cref="MaxHeaderBytes"/> or <see cref="MaxHeaderCount"/>, 400 for a
/// header value with a control character or bytes that are not UTF-8 (a NUL byte Kestrel refuses itself). Kestrel refuses what it cannot parse before any middleware runs
/// and answers that with an empty body; so Kestrel's own limits are set to twice these (<see cref="ConfigureKestrel"/>), and a head
/// between the two is answered here. Malformed lines (a bare LF, a space in a header name, two <c>Content-Length</c>s) stay Kestrel's.
/// </summary>
internal sealed class RequestHeadGuard(RequestDelegate next)
{
    public const int MaxRequestLineBytes = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;
    public const int MaxHeaderCount = 100;

    /// <summary>The AppContext switch that makes Kestrel refuse header lines ended by a bare LF, which proxies may read differently.</summary>
    private const string RefuseBareLineFeeds = "Microsoft.AspNetCore.Server.Kestrel.DisableHttp1LineFeedTerminators";

    /// <summary>UTF-8 that decodes a byte it cannot read as U+FFFD instead of failing the connection, so the guard can answer it.</summary>
    private static readonly Encoding LenientUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016"
        + "\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F\uFFFD");

    public static void ConfigureKestrel(KestrelServerOptions kestrel)
    {
        AppContext.SetSwitch(RefuseBareLineFeeds, true);
        kestrel.Limits.MaxRequestLineSize = 2 * MaxRequestLineBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
        kestrel.Limits.MaxRequestHeaderCount = 2 * MaxHeaderCount;
        kestrel.RequestHeaderEncodingSelector = _ => LenientUtf8;
    }

    public Task InvokeAsync(HttpContext context) =>
        Problem(context) is { } error ? ErrorResponses.WriteAsync(context, error) : next(context);

    internal static ApiError? Problem(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var line = request.Method.Length + target.Length + request.Protocol.Length + 4;
        if (line > MaxRequestLineBytes)
        {
            return new ApiError(
                414,
                $"The request line (method, path and query) is {line} bytes; this gateway accepts at most {RequestLimits.Describe(MaxRequestLineBytes)}. Send the parameters in the body.",
                null,
                "url_too_long");
        }

        var bytes = 0;
        var count = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + Encoding.UTF8.GetByteCount(value ?? string.Empty) + 4;
                if (value is not null && value.AsSpan().IndexOfAny(Forbidden) is var at and >= 0)
                {
                    return ApiError.BadRequest(BadCharacter(name, value[at]), null, "invalid_header");
                }
            }
        }

        if (bytes > MaxHeaderBytes || count > MaxHeaderCount)
        {
            return new ApiError(
                431,
                $"The request carries {count} header lines of {bytes} bytes; this gateway accepts at most {MaxHeaderCount} lines and {RequestLimits.Describe(MaxHeaderBytes)}. Send fewer or shorter headers.",
                null,
                "request_headers_too_large");
        }

        return null;
    }

    /// <summary>Names the header, never quotes its value: it may be a key.</summary>
    private static string BadCharacter(string name, char c) => c == '\uFFFD'
        ? $"The header '{name}' holds bytes that are not UTF-8; send header values as ASCII (or UTF-8) text."
        : $"The header '{name}' contains a control character (U+{(int)c:X4}); header values must be printable text.";
}
