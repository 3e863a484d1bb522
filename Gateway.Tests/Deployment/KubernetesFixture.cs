using Gateway.Tests.Deployment.Harness;
using Gateway.Tests.Deployment.Kubernetes;

namespace Gateway.Tests.Deployment;

/// <summary>
/// The manifests applied with the Secret filled in as secret.yaml tells its user (GATEWAY_API_KEY set, provider keys left as shipped),
/// an Ollama Service in the cluster, and one pod of the Deployment started.
/// </summary>
public sealed class KubernetesFixture : IAsyncLifetime
{
    private readonly StartedOnce<PodUp> _pod;

    public KubernetesFixture() => _pod = new StartedOnce<PodUp>(() => StartAsync(Key));

    internal string Key { get; } = GatewayKeys.New();

    internal Task<PodUp> Pod => _pod.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _pod.StopAsync();

    /// <summary>The manifests with their Deployment's Secret holding <paramref name="key"/> as GATEWAY_API_KEY (if the Secret has that entry at all).</summary>
    internal static KubernetesObjects ClusterWithKey(string key)
    {
        var cluster = DeploymentFiles.Kubernetes();
        cluster.FillSecret(PodUp.SecretName(cluster.Single("Deployment")), ("GATEWAY_API_KEY", key));
        return cluster;
    }

    private static Task<PodUp> StartAsync(string key) => PodUp.StartAsync(ClusterWithKey(key), withOllama: true);
}
