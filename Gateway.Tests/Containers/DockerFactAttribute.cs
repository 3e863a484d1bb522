using DotNet.Testcontainers.Configurations;

namespace Gateway.Tests.Containers;

/// <summary>
/// A fact that needs a Docker engine: skipped, with the reason, where none is reachable, so <c>dotnet test</c> stays green on machines
/// without Docker. Testcontainers' own discovery decides (DOCKER_HOST, the usual sockets, ~/.testcontainers.properties).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> UnavailableReason = new(Probe);

    public DockerFactAttribute()
    {
        if (UnavailableReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        const string Need = "these tests start a real ollama/ollama container; start Docker, then run: dotnet test --filter Category=Containers";
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is null
                ? $"No Docker engine is reachable (no DOCKER_HOST, Docker socket or Testcontainers configuration found): {Need}"
                : null;
        }
        catch (Exception e)
        {
            return $"No Docker engine is reachable ({e.GetType().Name}: {e.Message}): {Need}";
        }
    }
}
