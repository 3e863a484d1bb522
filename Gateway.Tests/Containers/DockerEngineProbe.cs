using System.Net.Sockets;
using System.Text.Json;

namespace Gateway.Tests.Containers;

/// <summary>
/// Finds the Docker engine Testcontainers would use and says, when there is none it can use, why: no endpoint at all, an endpoint where no
/// daemon answers (or this user may not open it), or a daemon whose Engine API is older than the one Testcontainers speaks. Every
/// candidate is asked <c>GET /version</c> at once, with a short timeout, so the probe stays cheap enough for test discovery. A configured
/// endpoint the probe does not speak to (TLS, SSH) is left to Testcontainers.
/// </summary>
internal static class DockerEngineProbe
{
    /// <summary>The Engine API version Testcontainers speaks unless <c>DOCKER_API_VERSION</c> says otherwise; Docker Engine 25 and later.</summary>
    public static readonly Version TestcontainersApi = new(1, 44);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<EngineProbe> ProbeAsync()
    {
        if (DockerSettings.DockerHost is { } host && !Uri.TryCreate(host, UriKind.Absolute, out _))
        {
            return EngineProbe.Unusable(
                $"The configured Docker host '{host}' (DOCKER_HOST, docker.host or the Docker context) is not an endpoint URI",
                "set it to one such as unix:///var/run/docker.sock or tcp://host:2375");
        }

        var candidates = DockerEndpoints.Candidates();
        if (candidates.Count == 0)
        {
            return EngineProbe.Unusable(
                $"No Docker engine found: DOCKER_HOST is not set and none of {string.Join(", ", DockerEndpoints.WellKnownSockets().Select(Shown))} exists",
                "install Docker Engine 25 or later (or point DOCKER_HOST at one)");
        }

        if (candidates[0].Scheme is not ("unix" or "npipe" or "tcp") || (candidates[0].Scheme == "tcp" && DockerSettings.UsesTls))
        {
            return EngineProbe.LeftToTestcontainers;
        }

        var answers = await Task.WhenAll(candidates.Select(AskAsync));
        var required = DockerSettings.ApiVersion ?? TestcontainersApi;
        if (answers.FirstOrDefault(a => a.Engine?.ApiVersion >= required)?.Engine is { } usable)
        {
            return EngineProbe.Usable(usable);
        }

        if (answers.FirstOrDefault(a => a.Engine is not null)?.Engine is { } old)
        {
            var needs = DockerSettings.ApiVersion is null ? $"API {required}+ (Docker Engine 25 or later)" : $"API {required}+ (DOCKER_API_VERSION)";
            return EngineProbe.Unusable(
                $"{old} speaks API {old.ApiVersion}; Testcontainers needs {needs}",
                "upgrade the engine to Docker Engine 25 or later (Docker's own docker-ce packages: https://docs.docker.com/engine/install/), "
                + $"or, unsupported by Testcontainers, set DOCKER_API_VERSION={old.ApiVersion} to make it speak the older API");
        }

        if (answers.FirstOrDefault(a => a.AccessDenied) is { } denied)
        {
            return EngineProbe.Unusable(
                $"The Docker socket {denied.Endpoint.OriginalString} exists but this user may not open it ({denied.Failure})",
                "add the user to the docker group (sudo usermod -aG docker $USER, then log in again) or point DOCKER_HOST at an engine it may use");
        }

        var silent = string.Join("; nor at ", answers.Select(a => $"{a.Endpoint.OriginalString} ({a.Failure})"));
        return EngineProbe.Unusable(
            $"No Docker daemon answers at {silent}",
            "start the Docker daemon (e.g. sudo systemctl start docker) or point DOCKER_HOST at a running one");
    }

    private static string Shown(Uri socket) => socket.Scheme == "unix" ? DockerEndpoints.SocketPath(socket) : socket.OriginalString;

    private static async Task<Answer> AskAsync(Uri endpoint)
    {
        try
        {
            using var docker = DockerApiClient.Create(endpoint, Timeout);
            using var response = await docker.GetAsync("version");
            if (!response.IsSuccessStatusCode)
            {
                return new Answer(endpoint, null, $"GET /version answered HTTP {(int)response.StatusCode}");
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = body.RootElement;
            return root.TryGetProperty("ApiVersion", out var api) && Version.TryParse(api.GetString(), out var apiVersion)
                ? new Answer(endpoint, new DockerEngine(endpoint, root.TryGetProperty("Version", out var v) ? v.GetString() ?? "?" : "?", apiVersion), null)
                : new Answer(endpoint, null, "GET /version answered without an ApiVersion: is this a Docker engine?");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or SocketException or IOException or JsonException)
        {
            var denied = ProbeFailure.Chain(e).OfType<SocketException>().Any(s => s.SocketErrorCode == SocketError.AccessDenied);
            return new Answer(endpoint, null, ProbeFailure.Describe(e, Timeout), denied);
        }
    }

    private sealed record Answer(Uri Endpoint, DockerEngine? Engine, string? Failure, bool AccessDenied = false);
}
