using System.Globalization;
using System.Net.Http.Headers;

namespace Gateway.Backends;

/// <summary>Reads how long an upstream asked us to wait: <c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c>, then <c>Retry-After</c> (seconds or HTTP date).</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(HttpResponseMessage response, TimeProvider time)
    {
        if (TryMilliseconds(response.Headers, "retry-after-ms", out var wait) || TryMilliseconds(response.Headers, "x-ms-retry-after-ms", out wait))
        {
            return wait;
        }

        if (!response.Headers.TryGetValues("Retry-After", out var values))
        {
            return null;
        }

        var raw = values.FirstOrDefault()?.Trim();
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

    private static bool TryMilliseconds(HttpResponseHeaders headers, string name, out TimeSpan wait)
    {
        wait = default;
        if (!headers.TryGetValues(name, out var values))
        {
            return false;
        }

        if (double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            wait = TimeSpan.FromMilliseconds(ms);
            return true;
        }

        return false;
    }
}
