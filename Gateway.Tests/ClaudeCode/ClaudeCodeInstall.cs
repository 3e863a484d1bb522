using System.ComponentModel;
using Gateway.Tests.AgentClients;

namespace Gateway.Tests.ClaudeCode;

/// <summary>
/// The pinned Claude Code release (<see cref="PinnedNpmClient"/>). The package's postinstall copies a native binary, shipped in a
/// per-platform optional dependency, over its <c>bin/claude.exe</c> placeholder; where npm ran no scripts the platform package's own
/// binary is used.
/// </summary>
internal static class ClaudeCodeInstall
{
    public const string Version = "2.1.332";

    private const string Package = "@anthropic-ai/claude-code";

    private static readonly PinnedNpmClient Client = new(new NpmClient(
        "Claude Code", Package, Version, "claude", "claude-code", "ClaudeCode",
        "the package runs a native binary from its platform package (" + Package + "-<os>-<arch>), which npm installs unless optional "
        + "dependencies are omitted; this platform may have none",
        FindRunnableAsync));

    /// <summary>Installs on first use, once per test run; every later call gets the same outcome.</summary>
    public static Task<ClientSetup> ReadyAsync() => Client.ReadyAsync();

    /// <summary>The first candidate whose <c>--version</c> names the pinned release, or what the last one said instead.</summary>
    private static async Task<(string? Executable, string? Problem)> FindRunnableAsync(string prefix)
    {
        var modules = Path.Combine(prefix, "node_modules");
        var binary = OperatingSystem.IsWindows() ? "claude.exe" : "claude";
        var platformBinaries = Directory.Exists(Path.Combine(modules, "@anthropic-ai"))
            ? Directory.EnumerateDirectories(Path.Combine(modules, "@anthropic-ai"), "claude-code-*").Select(folder => Path.Combine(folder, binary))
            : [];
        string? problem = "npm left no node_modules/.bin/claude and no platform package";
        foreach (var candidate in new[] { Path.Combine(modules, ".bin", OperatingSystem.IsWindows() ? "claude.cmd" : "claude") }
                     .Concat(platformBinaries)
                     .Where(File.Exists))
        {
            try
            {
                var run = await BoundedProcess.RunAsync(candidate, ["--version"], prefix, new Dictionary<string, string?>(), PinnedNpmClient.VersionTimeout);
                if (run.ExitCode == 0 && run.Output.StartsWith(Version, StringComparison.Ordinal))
                {
                    return (candidate, null);
                }

                problem = $"{Path.GetRelativePath(prefix, candidate)} --version: {run.FirstLine()}";
            }
            catch (Win32Exception e)
            {
                problem = $"{Path.GetRelativePath(prefix, candidate)} does not start: {e.Message}";
            }
        }

        return (null, problem);
    }
}
