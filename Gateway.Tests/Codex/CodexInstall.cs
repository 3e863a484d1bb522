using System.ComponentModel;
using Gateway.Tests.ClaudeCode;

namespace Gateway.Tests.Codex;

/// <summary>Where Codex can run here (<see cref="Executable"/>), or why it cannot (<see cref="SkipReason"/>).</summary>
internal sealed record CodexSetup(string? Executable, string? SkipReason);

/// <summary>
/// The pinned Codex CLI release, installed once per machine with npm into a cache folder outside the repository
/// (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>, then <c>llm-gateway-tests/codex-&lt;version&gt;</c>) and found there by later runs.
/// <c>@openai/codex</c> is a small Node launcher; the native program comes from a per-platform optional dependency
/// (<c>@openai/codex-&lt;os&gt;-&lt;arch&gt;</c>), which the launcher finds and runs with its bundled helpers on the PATH. Each run
/// installs into a folder of its own and the first to finish moves it into place, so concurrent runs do not collide.
/// </summary>
internal static class CodexInstall
{
    public const string Version = "0.171.0";

    private const string Package = "@openai/codex";
    private const string RunThem = "dotnet test --filter Category=Codex";
    private const string CheckNpm = "check that npm reaches its registry (npm config get registry, proxy settings)";
    private const string PlatformPackage =
        "the launcher runs the native program from the platform package (" + Package + "-<os>-<arch>), which npm installs unless "
        + "optional dependencies are omitted; this platform may have none";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<CodexSetup>> Setup = new(() => Task.Run(PrepareAsync));

    /// <summary>Installs on first use, once per test run; every later call gets the same outcome.</summary>
    public static Task<CodexSetup> ReadyAsync() => Setup.Value;

    public static string CacheFolder =>
        Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                ? cache
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "llm-gateway-tests",
            $"codex-{Version}");

    private static async Task<CodexSetup> PrepareAsync()
    {
        if (Directory.Exists(CacheFolder) && await FindRunnableAsync(CacheFolder) is { Executable: { } cached })
        {
            return new CodexSetup(cached, null);
        }

        if (HostPath.Find("npm") is not { } npm)
        {
            return Skip("npm not found on PATH", "install Node.js and npm");
        }

        var staging = $"{CacheFolder}.installing-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(staging);
            var install = await BoundedProcess.RunAsync(
                npm,
                ["install", "--prefix", staging, $"{Package}@{Version}", "--no-audit", "--no-fund", "--include=optional", "--loglevel=error"],
                staging,
                new Dictionary<string, string?> { ["npm_config_engine_strict"] = "false", ["npm_config_update_notifier"] = "false" },
                InstallTimeout);
            if (install.TimedOut)
            {
                return Skip($"npm install {Package}@{Version} did not finish within {InstallTimeout.TotalMinutes:0} minutes", CheckNpm);
            }

            if (install.ExitCode != 0)
            {
                return Skip($"npm install {Package}@{Version} failed: {install.FirstLine()}", CheckNpm);
            }

            var (executable, problem) = await FindRunnableAsync(staging);
            if (executable is null)
            {
                return Skip($"the package installed no runnable `codex` ({problem})", PlatformPackage);
            }

            await MoveIntoPlaceAsync(staging);
            return (await FindRunnableAsync(CacheFolder)) is { Executable: { } placed }
                ? new CodexSetup(placed, null)
                : Skip($"the installed `codex` stopped running once moved to {CacheFolder}", PlatformPackage);
        }
        catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException)
        {
            return Skip($"npm install {Package}@{Version} could not run: {e.Message}", CheckNpm);
        }
        finally
        {
            TryDelete(staging);
        }
    }

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
                    launcher, ["--version"], prefix, new Dictionary<string, string?> { ["HOME"] = home, ["CODEX_HOME"] = home }, VersionTimeout);
                return run.ExitCode == 0 && run.Output.Trim() == $"codex-cli {Version}"
                    ? (launcher, null)
                    : (null, $"codex --version: {run.FirstLine()}");
            }
            finally
            {
                TryDelete(home);
            }
        }
        catch (Win32Exception e)
        {
            return (null, $"node_modules/.bin/codex does not start: {e.Message}");
        }
    }

    /// <summary>Moves the new install into the cache folder, unless another run's install already serves there (it may be running).</summary>
    private static async Task MoveIntoPlaceAsync(string staging)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CacheFolder)!);
            if (Directory.Exists(CacheFolder))
            {
                if (await FindRunnableAsync(CacheFolder) is { Executable: not null })
                {
                    return;
                }

                Directory.Delete(CacheFolder, recursive: true);
            }

            Directory.Move(staging, CacheFolder);
        }
        catch (IOException) when (Directory.Exists(CacheFolder))
        {
            // Another run moved its own install into place first; that one serves.
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover folder is only disk space; the next run uses a new one.
        }
    }

    private static CodexSetup Skip(string cause, string remedy) => new(
        null,
        $"{cause}. These tests run Codex CLI {Version} (npm {Package}, installed once into {CacheFolder}) against the gateway; "
        + $"{remedy}, then run: {RunThem}");
}
