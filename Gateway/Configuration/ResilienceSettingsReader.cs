namespace Gateway.Configuration;

/// <summary>Reads the resilience keys wherever they may stand: <c>llm.global_defaults</c>, each backend section, each tool, <c>llm.resilience</c>.</summary>
internal static class ResilienceSettingsReader
{
    /// <summary>The keys a section accepts in addition to its own.</summary>
    public static readonly string[] Keys =
        ["timeout_seconds", "stream_idle_timeout_seconds", "max_retries", "truncate_prompts", "max_request_seconds", "max_retry_wait_seconds"];

    private static readonly string[] CooldownKeys = ["failures_before_cooldown", "cooldown_seconds"];

    private const int MostRetries = 10;

    /// <summary>The resilience keys of <paramref name="section"/>; <see cref="ResilienceSettings.None"/> when it has none.</summary>
    public static ResilienceSettings Read(ConfigMapping? section)
    {
        if (section is null || !HasAny(section))
        {
            return ResilienceSettings.None;
        }

        return new ResilienceSettings
        {
            TimeoutSeconds = Seconds(section.Get("timeout_seconds")),
            StreamIdleTimeoutSeconds = Seconds(section.Get("stream_idle_timeout_seconds")),
            MaxRetries = section.Get("max_retries") is { } retries ? WholeNumber(retries, 0, MostRetries) : null,
            TruncatePrompts = section.Get("truncate_prompts")?.Bool(),
            MaxRequestSeconds = Seconds(section.Get("max_request_seconds")),
            MaxRetryWaitSeconds = section.Get("max_retry_wait_seconds") is { } wait ? ZeroOrMoreSeconds(wait) : null,
        };
    }

    /// <summary><c>llm.resilience</c>.</summary>
    public static CooldownSettings ReadCooldown(ConfigNode? node)
    {
        var section = node?.Mapping(CooldownKeys);
        if (section is null)
        {
            return new CooldownSettings();
        }

        var defaults = new CooldownSettings();
        return new CooldownSettings
        {
            FailuresBeforeCooldown = section.Get("failures_before_cooldown")?.PositiveInt() ?? defaults.FailuresBeforeCooldown,
            CooldownSeconds = Seconds(section.Get("cooldown_seconds")) ?? defaults.CooldownSeconds,
        };
    }

    private static bool HasAny(ConfigMapping section)
    {
        foreach (var key in Keys)
        {
            if (section.Has(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A number of seconds above 0, fractions allowed (<c>0.5</c>), at most a day.</summary>
    private static double? Seconds(ConfigNode? node)
    {
        if (node?.Number(0, 86_400) is not { } seconds)
        {
            return null;
        }

        if (seconds > 0)
        {
            return seconds;
        }

        node.Error("expected a number of seconds greater than 0, such as 30 or 0.5");
        return null;
    }

    /// <summary>A number of seconds from 0 (never wait) to a day.</summary>
    private static double? ZeroOrMoreSeconds(ConfigNode node) => node.Number(0, 86_400);

    private static int? WholeNumber(ConfigNode node, int min, int max)
    {
        if (node.Number(min, max) is not { } value)
        {
            return null;
        }

        if (value == Math.Floor(value))
        {
            return (int)value;
        }

        node.Error($"expected a whole number from {min} to {max}, found '{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}'");
        return null;
    }
}
