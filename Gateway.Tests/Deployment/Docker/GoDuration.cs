using System.Globalization;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Deployment.Docker;

/// <summary>Durations as Docker and compose write them (Go's syntax): <c>30s</c>, <c>1m30s</c>, <c>500ms</c>, <c>1h</c>.</summary>
internal static partial class GoDuration
{
    public static TimeSpan Parse(string text)
    {
        var total = TimeSpan.Zero;
        var matched = 0;
        foreach (Match part in Part().Matches(text))
        {
            matched += part.Length;
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "us" or "µs" => TimeSpan.FromMicroseconds(value),
                _ => TimeSpan.FromTicks((long)(value / 100)),
            };
        }

        return matched == text.Length && matched > 0 ? total : throw new FormatException($"'{text}' is not a duration such as 30s or 1m30s");
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)")]
    private static partial Regex Part();
}
