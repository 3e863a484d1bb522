namespace Gateway.Tests.Containers;

/// <summary>
/// Where a Docker engine may listen, in the order Testcontainers tries them: the configured host (<c>DOCKER_HOST</c> and its kin), then the
/// usual sockets of a system engine, Docker Desktop and a rootless engine. Testcontainers takes the first that answers.
/// </summary>
internal static class DockerEndpoints
{
    /// <summary>The configured endpoint, if any, then each well-known socket that exists on this machine.</summary>
    public static IReadOnlyList<Uri> Candidates()
    {
        var candidates = new List<Uri>();
        if (DockerSettings.DockerHost is { } host && Uri.TryCreate(host, UriKind.Absolute, out var configured))
        {
            candidates.Add(configured);
        }

        candidates.AddRange(WellKnownSockets().Where(Exists));
        return candidates.Distinct().ToList();
    }

    /// <summary>The sockets looked for where nothing is configured (to say where the probe looked).</summary>
    public static IReadOnlyList<Uri> WellKnownSockets()
    {
        if (OperatingSystem.IsWindows())
        {
            return [new Uri("npipe://./pipe/docker_engine")];
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var sockets = new List<string>
        {
            "/var/run/docker.sock",
            Path.Combine(home, ".docker", "run", "docker.sock"),
            Path.Combine(home, ".docker", "desktop", "docker.sock"),
        };
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtimeDirectory)
        {
            sockets.Add(Path.Combine(runtimeDirectory, "docker.sock"));
        }

        return sockets.Select(path => new Uri("unix://" + path)).ToList();
    }

    /// <summary>The file system path of a <c>unix://</c> endpoint.</summary>
    public static string SocketPath(Uri endpoint) => Uri.UnescapeDataString(endpoint.AbsolutePath);

    /// <summary>The pipe name of an <c>npipe://./pipe/name</c> endpoint.</summary>
    public static string PipeName(Uri endpoint) => Uri.UnescapeDataString(endpoint.AbsolutePath).Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];

    private static bool Exists(Uri socket) => socket.Scheme == "npipe"
        ? File.Exists(@"\\.\pipe\" + PipeName(socket))
        : File.Exists(SocketPath(socket));
}
