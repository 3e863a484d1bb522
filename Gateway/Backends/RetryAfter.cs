using System.Globalization;

namespace Gateway.Backends;

/// <summary>
/// Reads how long an upstream asked us to wait: <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c>, then <c>Retry-After</c> (seconds or HTTP
/// date), from the upstream's answer as the dispatcher receives it or as the pass-through forwarded it.
/// </summary>
internal static class RetryAfter
{
    public static TimeSpan? From(HttpResponseMessage response, TimeProvider time) =>
        Parse(name => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null, time);

    public static TimeSpan? From(HttpResponse response, TimeProvider time) =>
        Parse(name => response.Headers.TryGetValue(name, out var values) ? values.ToString() : null, time);

    private static TimeSpan? Parse(Func<string, string?> header, TimeProvider time)
    {
        if ((Milliseconds(header("retry-after-ms")) ?? Milliseconds(header("x-ms-retry-after-ms"))) is { } wait)
        {
            return wait;
        }

        var raw = header("Retry-After")?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var delta = date - time.GetUtcNow();
            return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
        }

        return null;
    }

    private static TimeSpan? Milliseconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0 ? TimeSpan.FromMilliseconds(ms) : null;
}
