using System.Text.Json;

namespace Gateway.Tests.Containers;

/// <summary>
/// Whether a usable engine has what a test needs: each image present locally (a repository without a tag matches any tag) or pullable
/// because its registry answers from this machine, and each feed a build downloads from answering. A call the engine fails to answer
/// counts as present: the probe only skips for a cause it has seen.
/// </summary>
internal static class PullCheck
{
    private const string DockerHubRegistry = "registry-1.docker.io";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<DockerProblem?> FindProblemAsync(DockerEngine engine, ContainerRequirement requirement)
    {
        using var docker = DockerApiClient.Create(engine.Endpoint, Timeout);
        using var web = new HttpClient { Timeout = Timeout };

        var reaper = ContainerRequirement.ResourceReaperImage;
        var missing = new List<string>();
        foreach (var image in reaper is null ? requirement.Images : [.. requirement.Images, reaper])
        {
            if (!await IsPresentAsync(docker, image))
            {
                missing.Add(image);
            }
        }

        var registries = missing.Select(RegistryOf).Distinct().ToList();
        var failures = await Task.WhenAll(registries.Select(registry => FailureAsync(web, new Uri($"https://{registry}/v2/"))));
        var silentRegistries = registries.Zip(failures).Where(r => r.Second is not null).ToDictionary(r => r.First, r => r.Second!);

        var unpullable = missing.Where(image => silentRegistries.ContainsKey(RegistryOf(image))).ToList();
        if (unpullable.Count > 0)
        {
            var them = unpullable.Count == 1 ? "it" : "them";
            var withoutReaper = reaper is not null && unpullable.Contains(reaper) ? $", or set TESTCONTAINERS_RYUK_DISABLED=true to do without {reaper}" : "";
            return new DockerProblem(
                $"{engine} has no local copy of {Listed(unpullable)} and cannot pull {them}: "
                + string.Join("; ", silentRegistries.Select(r => $"{r.Key} does not answer ({r.Value})")),
                $"docker pull {them} where a registry is reachable (or docker save, then docker load {them} here){withoutReaper}");
        }

        foreach (var feed in requirement.Feeds)
        {
            if (await FailureAsync(web, feed.Url) is { } failure)
            {
                return new DockerProblem($"{feed.Use} needs {feed.Url}, which does not answer ({failure})", "run where it is reachable");
            }
        }

        return null;
    }

    private static async Task<bool> IsPresentAsync(HttpClient docker, string image)
    {
        var reference = image.Split('@')[0];
        var filters = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["reference"] = [reference] }));
        try
        {
            using var response = await docker.GetAsync($"images/json?filters={filters}");
            if (!response.IsSuccessStatusCode)
            {
                return true;
            }

            using var images = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return images.RootElement.ValueKind != JsonValueKind.Array || images.RootElement.GetArrayLength() > 0;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException)
        {
            return true;
        }
    }

    /// <summary>Null when <paramref name="url"/> answers at all (a registry's 401 included), else why not.</summary>
    private static async Task<string?> FailureAsync(HttpClient web, Uri url)
    {
        try
        {
            using var response = await web.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return ProbeFailure.Describe(e, Timeout);
        }
    }

    private static string Listed(List<string> images) =>
        images.Count == 1 ? images[0] : $"{string.Join(", ", images[..^1])} and {images[^1]}";

    /// <summary>The registry an image is pulled from: its first path segment when that names a host, else Docker Hub.</summary>
    private static string RegistryOf(string image)
    {
        var first = image.Split('/')[0];
        return image.Contains('/') && (first.Contains('.') || first.Contains(':') || first == "localhost") ? first : DockerHubRegistry;
    }
}
