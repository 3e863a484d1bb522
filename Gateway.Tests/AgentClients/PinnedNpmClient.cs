using System.ComponentModel;
using Gateway.Tests.ClaudeCode;

namespace Gateway.Tests.AgentClients;

/// <summary>Where an agent client can run here (<see cref="Executable"/>), or why it cannot (<see cref="SkipReason"/>).</summary>
internal sealed record ClientSetup(string? Executable, string? SkipReason);

/// <summary>What a pinned agent client is: its npm package and release, and how to find its runnable program in an install.</summary>
/// <param name="Name">How skip reasons name it (<c>Claude Code 2.1.332</c>).</param>
/// <param name="Command">The program's name (<c>claude</c>).</param>
/// <param name="Folder">The cache folder's name, before the version (<c>claude-code</c>).</param>
/// <param name="Category">The test category that runs its tests.</param>
/// <param name="NativeProgram">Where the native program comes from, said when none runs.</param>
/// <param name="FindRunnableAsync">The program in an install prefix whose <c>--version</c> names the release, or what went wrong.</param>
internal sealed record NpmClient(
    string Name, string Package, string Version, string Command, string Folder, string Category, string NativeProgram,
    Func<string, Task<(string? Executable, string? Problem)>> FindRunnableAsync);

/// <summary>
/// A pinned agent client release, installed once per machine with npm into a cache folder outside the repository
/// (<c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>, then <c>llm-gateway-tests/&lt;folder&gt;-&lt;version&gt;</c>) and found there by later
/// runs. A concurrent run installing too is harmless: each installs into a folder of its own, and the first to finish moves it into place.
/// </summary>
internal sealed class PinnedNpmClient
{
    private const string CheckNpm = "check that npm reaches its registry (npm config get registry, proxy settings)";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);

    private readonly NpmClient _client;
    private readonly Lazy<Task<ClientSetup>> _setup;

    public PinnedNpmClient(NpmClient client)
    {
        _client = client;
        _setup = new(() => Task.Run(PrepareAsync));
        CacheFolder = Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                ? cache
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "llm-gateway-tests",
            $"{client.Folder}-{client.Version}");
    }

    /// <summary>How long a <c>--version</c> check may take.</summary>
    public static TimeSpan VersionTimeout { get; } = TimeSpan.FromSeconds(30);

    public string CacheFolder { get; }

    /// <summary>Installs on first use, once per test run; every later call gets the same outcome.</summary>
    public Task<ClientSetup> ReadyAsync() => _setup.Value;

    /// <summary>Deletes <paramref name="folder"/> if it can; a leftover folder is only disk space.</summary>
    public static void TryDelete(string folder)
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
            // The next run uses a folder of its own.
        }
    }

    private async Task<ClientSetup> PrepareAsync()
    {
        if (Directory.Exists(CacheFolder) && await _client.FindRunnableAsync(CacheFolder) is { Executable: { } cached })
        {
            return new ClientSetup(cached, null);
        }

        if (HostPath.Find("npm") is not { } npm)
        {
            return Skip("npm not found on PATH", "install Node.js and npm");
        }

        var release = $"{_client.Package}@{_client.Version}";
        var staging = $"{CacheFolder}.installing-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(staging);
            var install = await BoundedProcess.RunAsync(
                npm,
                ["install", "--prefix", staging, release, "--no-audit", "--no-fund", "--include=optional", "--loglevel=error"],
                staging,
                new Dictionary<string, string?> { ["npm_config_engine_strict"] = "false", ["npm_config_update_notifier"] = "false" },
                InstallTimeout);
            if (install.TimedOut)
            {
                return Skip($"npm install {release} did not finish within {InstallTimeout.TotalMinutes:0} minutes", CheckNpm);
            }

            if (install.ExitCode != 0)
            {
                return Skip($"npm install {release} failed: {install.FirstLine()}", CheckNpm);
            }

            var (executable, problem) = await _client.FindRunnableAsync(staging);
            if (executable is null)
            {
                return Skip($"the package installed no runnable `{_client.Command}` ({problem})", _client.NativeProgram);
            }

            await MoveIntoPlaceAsync(staging);
            return (await _client.FindRunnableAsync(CacheFolder)) is { Executable: { } placed }
                ? new ClientSetup(placed, null)
                : Skip($"the installed `{_client.Command}` stopped running once moved to {CacheFolder}", _client.NativeProgram);
        }
        catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException)
        {
            return Skip($"npm install {release} could not run: {e.Message}", CheckNpm);
        }
        finally
        {
            TryDelete(staging);
        }
    }

    /// <summary>Moves the new install into the cache folder, unless another run's install already serves there (it may be running).</summary>
    private async Task MoveIntoPlaceAsync(string staging)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CacheFolder)!);
            if (Directory.Exists(CacheFolder))
            {
                if (await _client.FindRunnableAsync(CacheFolder) is { Executable: not null })
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

    private ClientSetup Skip(string cause, string remedy) => new(
        null,
        $"{cause}. These tests run {_client.Name} {_client.Version} (npm {_client.Package}, installed once into {CacheFolder}) against the "
        + $"gateway; {remedy}, then run: dotnet test --filter Category={_client.Category}");
}
