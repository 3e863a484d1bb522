namespace Gateway.Cli;

/// <summary>What the command line asks for.</summary>
internal enum CommandKind
{
    /// <summary>Start the gateway (no subcommand).</summary>
    Serve,

    /// <summary><c>doctor</c>: check the config, backends, keys and models, then exit.</summary>
    Doctor,

    /// <summary><c>--health-check [url]</c>: ask a running gateway's <c>/health</c>, then exit.</summary>
    HealthCheck,

    /// <summary><c>--help</c>.</summary>
    Help,

    /// <summary><c>--version</c>.</summary>
    Version,

    /// <summary>Arguments that make no valid command; <see cref="CommandLine.Error"/> says why.</summary>
    Invalid,
}
