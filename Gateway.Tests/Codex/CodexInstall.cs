using System.ComponentModel;
using Gateway.Tests.AgentClients;
using Gateway.Tests.ClaudeCode;

namespace Gateway.Tests.Codex;

/// <summary>
/// The pinned Codex CLI release (<see cref="PinnedNpmClient"/>). <c>@openai/codex</c> is a small Node launcher; the native program
/// comes from a per-platform optional dependency (<c>@openai/codex-&lt;os&gt;-&lt;arch&gt;</c>), which the launcher finds and runs
/// with its bundled helpers on the PATH.
/// </summary>
internal static class CodexInstall
{
    public const string Version = "0.171.0";

    private const string Package = "@openai/codex";

    private static readonly PinnedNpmClient Client = new(new NpmClient(
        "Codex CLI", Package, Version, "codex", "codex", "Codex",
        "the launcher runs the native program from the platform package (" + Package + "-<os>-<arch>), which npm installs unless "
        + "optional dependencies are omitted; this platform may have none",
        FindRunnableAsync));

    /// <summary>Installs on first use, once per test run; every later call gets the same outcome.</summary>
    public static Task<ClientSetup> ReadyAsync() => Client.ReadyAsync();

    /// <summary>The launcher when its <c>--version</c> names the pinned release (<c>codex-cli 0.171.0</c>), or what it said instead.</summary>
    private static async Task<(string? Executable, string? Problem)> FindRunnableAsync(string prefix)
    {
        var launcher = Path.Combine(prefix, "node_modules", ".bin", OperatingSystem.IsWindows() ? "codex.cmd" : "codex");
        if (!File.Exists(launcher))
        {
            return (null, "npm left no node_modules/.bin/codex");
        }

        try
        {
            var home = Directory.CreateTempSubdirectory("codex-version-").FullName;
            try
            {
                var run = await BoundedProcess.RunAsync(
                    launcher, ["--version"], prefix, new Dictionary<string, string?> { ["HOME"] = home, ["CODEX_HOME"] = home }, PinnedNpmClient.VersionTimeout);
                return run.ExitCode == 0 && run.Output.Trim() == $"codex-cli {Version}"
                    ? (launcher, null)
                    : (null, $"codex --version: {run.FirstLine()}");
            }
            finally
            {
                PinnedNpmClient.TryDelete(home);
            }
        }
        catch (Win32Exception e)
        {
            return (null, $"node_modules/.bin/codex does not start: {e.Message}");
        }
    }
}
