namespace Gateway.Configuration;

/// <summary>The <c>logging:</c> section. Absent keys leave the choice to the command line and the environment.</summary>
internal sealed record LoggingConfig
{
    /// <summary><c>logging.format</c>; <c>--log-format</c> on the command line wins.</summary>
    public LogFormat? Format { get; init; }

    /// <summary><c>logging.level</c>; <c>CODE_EVOLVER_DEBUG=1</c> lowers it to debug.</summary>
    public LogLevel? Level { get; init; }
}
