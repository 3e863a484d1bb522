namespace Gateway.Configuration;

/// <summary>
/// Reads <c>logging:</c> (<c>format</c>, <c>level</c>). The product's own configs carry <c>log_llm_conversations</c> here: it is accepted
/// and ignored with a warning, because the gateway never writes prompts or answers to its logs.
/// </summary>
internal static class LoggingSectionReader
{
    private static readonly string[] Keys = ["format", "level", "log_llm_conversations"];
    private static readonly string[] Formats = ["text", "json"];

    private static readonly Dictionary<string, LogLevel> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trace"] = LogLevel.Trace,
        ["verbose"] = LogLevel.Trace,
        ["debug"] = LogLevel.Debug,
        ["info"] = LogLevel.Information,
        ["information"] = LogLevel.Information,
        ["warning"] = LogLevel.Warning,
        ["warn"] = LogLevel.Warning,
        ["error"] = LogLevel.Error,
        ["critical"] = LogLevel.Critical,
        ["fatal"] = LogLevel.Critical,
    };

    public static void Read(ConfigNode? node, ConfigDraft draft)
    {
        if (node is null)
        {
            return;
        }

        var section = node.Mapping(Keys);
        draft.Logging = new LoggingConfig { Format = ReadFormat(section.Get("format")), Level = ReadLevel(section.Get("level")) };

        if (section.Get("log_llm_conversations") is { } conversations)
        {
            conversations.Warning("is ignored: the gateway never writes prompts or answers to its logs");
        }
    }

    /// <summary>Parses a format name (<c>text</c>, <c>json</c>); null when it is neither.</summary>
    public static LogFormat? ParseFormat(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "text" => LogFormat.Text,
        "json" => LogFormat.Json,
        _ => null,
    };

    private static LogFormat? ReadFormat(ConfigNode? node)
    {
        if (node?.RequiredText("a log format") is not { } text)
        {
            return null;
        }

        var format = ParseFormat(text);
        if (format is null)
        {
            node.Error($"unknown log format '{text}'; valid formats: {string.Join(", ", Formats)}{DidYouMean.Hint(text, Formats)}");
        }

        return format;
    }

    private static LogLevel? ReadLevel(ConfigNode? node)
    {
        if (node?.RequiredText("a log level") is not { } text)
        {
            return null;
        }

        if (Levels.TryGetValue(text.Trim(), out var level))
        {
            return level;
        }

        node.Error($"unknown log level '{text}'; valid levels: trace, debug, info, warning, error, critical{DidYouMean.Hint(text.ToLowerInvariant(), Levels.Keys)}");
        return null;
    }
}
