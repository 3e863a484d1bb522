using System.Text.Json.Serialization;

namespace Gateway.Health;

/// <summary>What <c>GET /health/backends</c> answers: overall status and, per backend, whether its endpoints answer. Never any key.</summary>
internal sealed record BackendHealthReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("default_backend")] string DefaultBackend,
    [property: JsonPropertyName("backends")] IReadOnlyList<BackendHealth> Backends)
{
    /// <summary>The version (short hash) of the config file in force.</summary>
    [JsonPropertyName("config_version")]
    public string? ConfigVersion { get; init; }
}

internal sealed record BackendHealth(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ready")] bool Ready,
    [property: JsonPropertyName("api_key")] string ApiKey,
    [property: JsonPropertyName("endpoints")] IReadOnlyList<EndpointHealthReport> Endpoints);

internal sealed record EndpointHealthReport(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("reachable")] bool Reachable,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("latency_ms")] long LatencyMs,
    [property: JsonPropertyName("error")] string? Error)
{
    /// <summary>How long requests still skip this endpoint after repeated failures (the breaker chat and the pass-through share).</summary>
    [JsonPropertyName("cooling_down_seconds")]
    public double? CoolingDownSeconds { get; init; }

    /// <summary>The last failure requests or probes saw there, while it counts.</summary>
    [JsonPropertyName("last_failure")]
    public string? LastFailure { get; init; }
}
