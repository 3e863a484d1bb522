using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Containers;

/// <summary>
/// The Docker and Testcontainers settings the container-test probe honours, read the way Testcontainers reads them: an environment
/// variable first, then the same key in <c>~/.testcontainers.properties</c>. Read without touching Testcontainers itself, whose first use
/// pings every endpoint it knows.
/// </summary>
internal static class DockerSettings
{
    private static readonly string Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    private static readonly Lazy<Dictionary<string, string>> Properties = new(ReadProperties);

    /// <summary>The engine Testcontainers was told to use: <c>DOCKER_HOST</c>, <c>docker.host</c>, else the current Docker context's.</summary>
    public static string? DockerHost => Setting("DOCKER_HOST", "docker.host") ?? ContextHost();

    /// <summary>The API version Testcontainers speaks when told one (<c>DOCKER_API_VERSION</c>); null for its default.</summary>
    public static Version? ApiVersion => Version.TryParse(Setting("DOCKER_API_VERSION", "docker.api.version"), out var version) ? version : null;

    /// <summary>Whether Testcontainers starts its resource reaper (Ryuk) container, which needs an image of its own.</summary>
    public static bool ResourceReaperEnabled => !IsTrue(Setting("TESTCONTAINERS_RYUK_DISABLED", "ryuk.disabled"));

    /// <summary>The resource reaper image when one is configured; null for Testcontainers' own.</summary>
    public static string? ResourceReaperImage => Setting("TESTCONTAINERS_RYUK_CONTAINER_IMAGE", "ryuk.container.image");

    /// <summary>Whether the engine is reached over TLS (<c>DOCKER_TLS</c> or <c>DOCKER_TLS_VERIFY</c>).</summary>
    public static bool UsesTls => IsTrue(Setting("DOCKER_TLS", "docker.tls")) || IsTrue(Setting("DOCKER_TLS_VERIFY", "docker.tls.verify"));

    private static string? Setting(string environmentVariable, string property) =>
        Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } value ? value : Properties.Value.GetValueOrDefault(property);

    private static bool IsTrue(string? value) => value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> ReadProperties()
    {
        var path = Path.Combine(Home, ".testcontainers.properties");
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>();
        }

        return File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#') && line.Contains('='))
            .Select(line => line.Split('=', 2))
            .GroupBy(pair => pair[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Last()[1].Trim(), StringComparer.Ordinal);
    }

    /// <summary>The host of the Docker context in use (<c>DOCKER_CONTEXT</c>, else <c>currentContext</c> of the Docker CLI's config).</summary>
    private static string? ContextHost()
    {
        var configDirectory = Environment.GetEnvironmentVariable("DOCKER_CONFIG") ?? Path.Combine(Home, ".docker");
        var context = Setting("DOCKER_CONTEXT", "docker.context") ?? JsonString(Path.Combine(configDirectory, "config.json"), "currentContext");
        if (context is null or "default")
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(context)));
        return JsonString(Path.Combine(configDirectory, "contexts", "meta", hash, "meta.json"), "Endpoints", "docker", "Host");
    }

    private static string? JsonString(string path, params string[] propertyPath)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var element = document.RootElement;
            foreach (var name in propertyPath)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                {
                    return null;
                }
            }

            return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
