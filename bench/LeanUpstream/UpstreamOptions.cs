using System.Globalization;

namespace LeanUpstream;

/// <summary>What the stand-in upstream listens on and how it paces its answers.</summary>
internal sealed record UpstreamOptions
{
    public const string Usage =
        "usage: LeanUpstream --port <n> [--latency-ms <ms>] [--chunks <n>] [--chunk-interval-ms <ms>]";

    /// <summary>Loopback port to listen on.</summary>
    public int Port { get; init; }

    /// <summary>
    /// Wait before the answer starts (before the JSON body, or before the first stream event). A timer wait, so it rounds up to the
    /// timer tick (4 ms on the reference machine): meant for latencies of tens of milliseconds, like a real model's.
    /// </summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Data events in a streamed answer (before <c>[DONE]</c>).</summary>
    public int Chunks { get; init; } = 50;

    /// <summary>Pause between two stream events.</summary>
    public TimeSpan ChunkInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    public static bool TryParse(string[] args, out UpstreamOptions options, out string error)
    {
        options = new UpstreamOptions();
        error = string.Empty;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                error = $"'{args[i]}' needs a non-negative number after it.";
                return false;
            }

            switch (args[i])
            {
                case "--port":
                    options = options with { Port = (int)value };
                    break;
                case "--latency-ms":
                    options = options with { Latency = TimeSpan.FromMilliseconds(value) };
                    break;
                case "--chunks":
                    options = options with { Chunks = Math.Max(1, (int)value) };
                    break;
                case "--chunk-interval-ms":
                    options = options with { ChunkInterval = TimeSpan.FromMilliseconds(value) };
                    break;
                default:
                    error = $"unknown option '{args[i]}'.";
                    return false;
            }
        }

        if (options.Port is < 1 or > 65535)
        {
            error = "--port is required (1-65535).";
            return false;
        }

        return true;
    }
}
