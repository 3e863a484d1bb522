using Xunit.Sdk;

namespace Gateway.Tests.Containers;

/// <summary>
/// A fact that needs a Docker engine Testcontainers can use, and what its <see cref="ContainerNeed"/> names (images, feeds). Where something
/// is missing it is skipped with the reason <see cref="DockerGate"/> found, so <c>dotnet test</c> stays green on machines without Docker,
/// and the reason is also reported as an xUnit diagnostic message (<see cref="DockerTestCase"/>), which <c>dotnet test</c> prints at its
/// default verbosity.
/// </summary>
[XunitTestCaseDiscoverer("Gateway.Tests.Containers.DockerFactDiscoverer", "Gateway.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute(ContainerNeed need)
    {
        if (DockerGate.SkipReason(need) is { } reason)
        {
            Skip = reason;
        }
    }
}
