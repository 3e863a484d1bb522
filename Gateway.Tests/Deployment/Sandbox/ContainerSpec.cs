using Gateway.Tests.Deployment.Docker;

namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>
/// One container's process as a runtime starts it: command, environment, working directory, user, files (the image's layers and what is
/// mounted over them) and the confinement asked for. Computed from the deployment files; <see cref="SandboxedContainer"/> starts it.
/// </summary>
internal sealed record ContainerSpec
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Command { get; init; }

    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required string WorkingDirectory { get; init; }

    public required ContainerUser User { get; init; }

    public required IReadOnlyList<ImageLayer> Layers { get; init; }

    public IReadOnlyList<ContainerMount> Mounts { get; init; } = [];

    public bool ReadOnlyRoot { get; init; }

    public bool NoNewPrivileges { get; init; }

    public bool DropAllCapabilities { get; init; }

    /// <summary>The health check the container runtime runs inside the container (Docker's HEALTHCHECK); null for none.</summary>
    public HealthCheckConfig? HealthCheck { get; init; }
}
