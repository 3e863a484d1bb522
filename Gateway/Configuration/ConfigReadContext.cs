namespace Gateway.Configuration;

/// <summary>What every node of one file shares while it is read: the environment for <c>${VAR}</c> and the collected problems.</summary>
internal sealed class ConfigReadContext(ConfigDiagnostics diagnostics, Func<string, string?> environment)
{
    public ConfigDiagnostics Diagnostics { get; } = diagnostics;

    public Func<string, string?> Environment { get; } = environment;

    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    public string? Variable(string name) => Environment(name) is { Length: > 0 } value ? value : null;
}
