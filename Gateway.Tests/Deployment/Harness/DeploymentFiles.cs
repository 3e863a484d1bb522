using Gateway.Tests.Deployment.Docker;
using Gateway.Tests.Deployment.Kubernetes;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Deployment.Harness;

/// <summary>The repository's deployment files, read fresh for each use (launchers may fill values in, as a Secret's user does).</summary>
internal static class DeploymentFiles
{
    private static readonly string[] ProbeKinds = ["startupProbe", "livenessProbe", "readinessProbe"];

    public static string Root => RepositoryRoot();

    public static string ComposeFile => Path.Combine(Root, "docker-compose.yml");

    public static string KubernetesFolder => Path.Combine(Root, "deploy", "kubernetes");

    public static string PrometheusConfig => Path.Combine(Root, "deploy", "prometheus.yml");

    /// <summary>The image <c>docker build .</c> makes of the repository.</summary>
    public static ImageConfig Image() => DockerBuild.Image(Root);

    public static KubernetesObjects Kubernetes() => KubernetesObjects.Load(KubernetesFolder);

    /// <summary>The probes of the Deployment's container (startup, liveness, readiness), which any orchestrator of the image would use.</summary>
    public static IReadOnlyList<KubernetesProbe> OrchestratorProbes()
    {
        var container = KubernetesPod.Container(Kubernetes().Single("Deployment"));
        return [.. ProbeKinds.Select(kind => KubernetesProbe.Of(container, kind)).OfType<KubernetesProbe>()];
    }
}
