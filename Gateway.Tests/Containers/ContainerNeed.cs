namespace Gateway.Tests.Containers;

/// <summary>What a container test needs besides a Docker engine: names the images and feeds the probe checks for it.</summary>
public enum ContainerNeed
{
    /// <summary>A real Ollama container (<see cref="OllamaContainer"/>).</summary>
    Ollama,

    /// <summary>The gateway's own image, built from the repository's Dockerfile (<see cref="GatewayImageContainer"/>).</summary>
    GatewayImage,
}

/// <summary>
/// A <see cref="ContainerNeed"/> spelled out: what the tests do (for the skip reason), the images they start or build from, and the
/// feeds a build downloads from.
/// </summary>
internal sealed record ContainerRequirement(string Purpose, IReadOnlyList<string> Images, IReadOnlyList<Feed> Feeds)
{
    /// <summary>The resource reaper image Testcontainers starts before anything else, unless it is turned off; null when it is.</summary>
    public static string? ResourceReaperImage => DockerSettings.ResourceReaperEnabled ? DockerSettings.ResourceReaperImage ?? "testcontainers/ryuk" : null;

    public static ContainerRequirement For(ContainerNeed need) =>
        need switch
        {
            ContainerNeed.Ollama => new ContainerRequirement(
                $"These tests run the gateway against a real Ollama container ({OllamaContainer.Image})", [OllamaContainer.Image], []),
            ContainerNeed.GatewayImage => new ContainerRequirement(
                "This test builds the gateway image from the Dockerfile and runs it",
                GatewayImageContainer.BaseImages(),
                [new Feed("The Dockerfile's dotnet restore", GatewayImageContainer.RestoreFeed)]),
            _ => throw new ArgumentOutOfRangeException(nameof(need), need, "unknown container need"),
        };
}

/// <summary>A download a test's build makes besides images: what uses it, and where.</summary>
internal sealed record Feed(string Use, Uri Url);
