using Gateway.Configuration;

namespace Gateway.Security;

/// <summary>
/// A config file that holds keys written out (not <c>${VAR}</c>) and that other users of the machine can read gives those keys away.
/// </summary>
internal static class LiteralKeyWarning
{
    /// <summary>The warning for <paramref name="config"/>'s file, or null when it holds no literal key or only its owner can read it.</summary>
    public static string? For(GatewayConfig config)
    {
        var literal = config.Server.LiteralKeys;
        if (literal.Count == 0 || !ReadableByOthers(config.SourcePath))
        {
            return null;
        }

        return $"{config.SourcePath} holds API keys written out in the file ({string.Join(", ", literal)}) and other users of this machine can read it. "
            + "Reference them instead (api_key: \"${OPENAI_API_KEY}\", set in the environment or .env), or make the file private: chmod 600 "
            + config.SourcePath;
    }

    public static bool ReadableByOthers(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return false;
        }

        return (File.GetUnixFileMode(path) & UnixFileMode.OtherRead) != 0;
    }
}
