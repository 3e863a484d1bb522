namespace Gateway.Tests.Containers;

/// <summary>A Docker engine that answered <c>GET /version</c>: where, which release, and the newest Engine API version it speaks.</summary>
internal sealed record DockerEngine(Uri Endpoint, string Version, Version ApiVersion)
{
    public override string ToString() => $"Docker Engine {Version} at {Endpoint.OriginalString}";
}

/// <summary>Why the container tests cannot run here: the cause as found, and what to do about it.</summary>
internal sealed record DockerProblem(string Cause, string Remedy);

/// <summary>
/// What the engine probe found: a usable engine, a problem, or neither (an endpoint the probe does not speak to itself, such as TLS,
/// which is left to Testcontainers).
/// </summary>
internal sealed record EngineProbe(DockerEngine? Engine, DockerProblem? Problem)
{
    public static EngineProbe Usable(DockerEngine engine) => new(engine, null);

    public static EngineProbe Unusable(string cause, string remedy) => new(null, new DockerProblem(cause, remedy));

    public static EngineProbe LeftToTestcontainers { get; } = new(null, null);
}
