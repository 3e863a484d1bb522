using System.Text;

namespace Gateway.Backends;

/// <summary>Reads upstream bodies with a size bound, so a runaway or hostile upstream cannot exhaust memory.</summary>
internal static class UpstreamBody
{
    /// <summary>The largest non-streamed answer the gateway accepts (32 MiB).</summary>
    public const int MaxAnswerBytes = 32 * 1024 * 1024;

    /// <summary>The most of an error body worth reading (64 KiB).</summary>
    public const int MaxErrorBytes = 64 * 1024;

    /// <summary>
    /// Declared lengths up to this (64 KiB) are read into one array of exactly that size. A larger declaration is not trusted with an
    /// allocation: a hostile upstream could announce 32 MiB and send ten bytes, so those bodies get memory as their bytes arrive.
    /// </summary>
    private const int ExactSizeBytes = 64 * 1024;

    /// <summary>The first buffer of a body read as it arrives; it doubles as it fills.</summary>
    private const int FirstBufferBytes = 16 * 1024;

    /// <summary>
    /// Reads the whole body, or returns null when it exceeds <paramref name="limit"/> bytes. A body that ends before its declared
    /// <c>Content-Length</c> throws <see cref="EndOfStreamException"/>.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (declared is long length && length <= ExactSizeBytes)
        {
            // The usual case: one array of exactly the declared size (a growing buffer cost 9 KB per 0.5 KB answer; bench/RESULTS.md).
            var body = new byte[length];
            var read = await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken);
            return read == length ? body : throw Cut(length, read);
        }

        return await ReadAsArrivingAsync(stream, declared, limit, cancellationToken);
    }

    /// <summary>
    /// Reads into a buffer that doubles as it fills, never larger than the declared length or, without one, one byte past
    /// <paramref name="limit"/> (enough to tell the body is too large).
    /// </summary>
    private static async Task<byte[]?> ReadAsArrivingAsync(Stream stream, long? declared, int limit, CancellationToken cancellationToken)
    {
        var most = (int)Math.Min(declared ?? limit + 1L, Array.MaxLength);
        var buffer = new byte[Math.Min(most, FirstBufferBytes)];
        var total = 0;
        while (total < most)
        {
            if (total == buffer.Length)
            {
                var larger = new byte[(int)Math.Min(buffer.Length * 2L, most)];
                buffer.AsSpan().CopyTo(larger);
                buffer = larger;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        if (total > limit)
        {
            return null;
        }

        if (declared is long length && total < length)
        {
            throw Cut(length, total);
        }

        return total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
    }

    private static EndOfStreamException Cut(long declared, int read) =>
        new($"the upstream declared {declared} bytes (Content-Length) but the body ended after {read}");

    /// <summary>
    /// Reads at most <see cref="MaxErrorBytes"/> of an error body as text (what is past the bound is dropped, not read into memory).
    /// </summary>
    public static async Task<string> ReadErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxErrorBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
            {
                total += read;
            }

            return MaskSentKeys(response.RequestMessage, Encoding.UTF8.GetString(buffer, 0, total));
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// Masks the key the gateway sent (<c>Authorization</c>, <c>x-api-key</c>, <c>api-key</c>) wherever the upstream's error text quotes it,
    /// so an upstream that echoes the key back cannot carry it into error answers, logs or traces.
    /// </summary>
    internal static string MaskSentKeys(HttpRequestMessage? request, string text)
    {
        if (request is null || text.Length == 0)
        {
            return text;
        }

        if (request.Headers.Authorization?.Parameter is { Length: >= 6 } bearer)
        {
            text = text.Replace(bearer, "[redacted]", StringComparison.Ordinal);
        }

        foreach (var header in (ReadOnlySpan<string>)["x-api-key", "api-key"])
        {
            if (request.Headers.TryGetValues(header, out var values))
            {
                foreach (var value in values)
                {
                    text = value.Length >= 6 ? text.Replace(value, "[redacted]", StringComparison.Ordinal) : text;
                }
            }
        }

        return text;
    }

    /// <summary>A one-line, length-limited rendering of a non-JSON error body for messages (HTML pages are named as such).</summary>
    public static string Describe(HttpResponseMessage response, string text)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is "text/html" || text.TrimStart().StartsWith('<'))
        {
            return $"an HTML page ({mediaType ?? "no content type"}) instead of an API error";
        }

        var line = text.ReplaceLineEndings(" ").Trim();
        if (line.Length == 0)
        {
            return "an empty body";
        }

        return line.Length <= 300 ? line : string.Concat(line.AsSpan(0, 300), "…");
    }
}
