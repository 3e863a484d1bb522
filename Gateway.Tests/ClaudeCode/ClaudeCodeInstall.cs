using System.ComponentModel;

namespace Gateway.Tests.ClaudeCode;

/// <summary>Where Claude Code can run here (<see cref="Executable"/>), or why it cannot (<see cref="SkipReason"/>).</summary>
internal sealed record ClaudeCodeSetup(string? Executable, string? SkipReason);

/// <summary>
/// The pinned Claude Code release, installed once per machine with npm into a cache folder outside the repository
/// (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>, then <c>llm-gateway-tests/claude-code-&lt;version&gt;</c>) and found there by later runs.
/// The package's postinstall copies a native binary, shipped in a per-platform optional dependency, over its <c>bin/claude.exe</c>
/// placeholder; where npm ran no scripts the platform package's own binary is used. A concurrent run installing too is harmless: each
/// installs into a folder of its own, and the first to finish moves it into place.
/// </summary>
internal static class ClaudeCodeInstall
{
    public const string Version = "2.1.332";

    private const string Package = "@anthropic-ai/claude-code";
    private const string RunThem = "dotnet test --filter Category=ClaudeCode";
    private const string CheckNpm = "check that npm reaches its registry (npm config get registry, proxy settings)";
    private const string NativeBinary =
        "the package runs a native binary from its platform package (" + Package + "-<os>-<arch>), which npm installs unless optional "
        + "dependencies are omitted; this platform may have none";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<ClaudeCodeSetup>> Setup = new(() => Task.Run(PrepareAsync));

    /// <summary>Installs on first use, once per test run; every later call gets the same outcome.</summary>
    public static Task<ClaudeCodeSetup> ReadyAsync() => Setup.Value;

    public static string CacheFolder =>
        Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                ? cache
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "llm-gateway-tests",
            $"claude-code-{Version}");

    private static async Task<ClaudeCodeSetup> PrepareAsync()
    {
        if (Directory.Exists(CacheFolder) && await FindRunnableAsync(CacheFolder) is { Executable: { } cached })
        {
            return new ClaudeCodeSetup(cached, null);
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
                return Skip($"the package installed no runnable `claude` ({problem})", NativeBinary);
            }

            await MoveIntoPlaceAsync(staging);
            return (await FindRunnableAsync(CacheFolder)) is { Executable: { } placed }
                ? new ClaudeCodeSetup(placed, null)
                : Skip($"the installed `claude` stopped running once moved to {CacheFolder}", NativeBinary);
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
                var run = await BoundedProcess.RunAsync(candidate, ["--version"], prefix, new Dictionary<string, string?>(), VersionTimeout);
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
            // A leftover staging folder is only disk space; the next install uses a new one.
        }
    }

    private static ClaudeCodeSetup Skip(string cause, string remedy) => new(
        null,
        $"{cause}. These tests run Claude Code {Version} (npm {Package}, installed once into {CacheFolder}) against the gateway; "
        + $"{remedy}, then run: {RunThem}");
}
