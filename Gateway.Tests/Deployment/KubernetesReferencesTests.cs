using System.Globalization;
using Gateway.Tests.Deployment.Harness;
using Gateway.Tests.Deployment.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment;

/// <summary>
/// The manifests that no started pod exercises, checked for what makes them work in a cluster: kustomize finds and renames what they
/// name, the autoscaler can compute CPU utilization, and the disruption budget selects the pods and still lets a node drain.
/// </summary>
public sealed class KubernetesReferencesTests
{
    private static readonly KubernetesObjects Cluster = DeploymentFiles.Kubernetes();

    private static YamlMappingNode Deployment => Cluster.Single("Deployment");

    [Fact]
    public void Kustomization_ListsExistingManifests_AndRenamesTheImageTheDeploymentRuns()
    {
        var kustomization = Cluster.Single("Kustomization");
        var images = KubernetesPod.PodSpec(Deployment).List("containers").Select(c => c.Text("image").Split(':')[0]).ToList();

        Assert.All(kustomization.Texts("resources"), file => Assert.True(File.Exists(Path.Combine(DeploymentFiles.KubernetesFolder, file)), $"{file} is listed but missing"));
        Assert.All(kustomization.List("images"), image => Assert.Contains(image.Text("name"), images));
        Assert.Contains(Cluster.All, o => o.Object == Deployment && kustomization.Texts("resources").Contains(o.File));
    }

    [Fact]
    public void Autoscaler_TargetsTheDeployment_WhoseContainersRequestWhatItScalesOn()
    {
        var hpa = Cluster.Single("HorizontalPodAutoscaler");
        var target = hpa.Map("spec", "scaleTargetRef");
        var containers = KubernetesPod.PodSpec(Cluster.Find(target.Text("kind"), target.Text("name"))).List("containers");

        foreach (var resource in hpa.List("spec", "metrics").Where(m => m.Text("type") == "Resource").Select(m => m.Text("resource", "name")))
        {
            Assert.All(containers, container => Assert.True(
                container.Get("resources")?.Get("requests")?.TextOrNull(resource) is not null,
                $"container {container.Text("name")} requests no {resource}: the autoscaler cannot compute its utilization"));
        }
    }

    [Fact]
    public void DisruptionBudget_SelectsTheDeploymentsPods_AndLeavesOneToEvict()
    {
        var budget = Cluster.Single("PodDisruptionBudget");
        var labels = Deployment.Map("spec", "template", "metadata", "labels");
        var fewestReplicas = Math.Min(
            int.Parse(Deployment.Text("spec", "replicas"), CultureInfo.InvariantCulture),
            int.Parse(Cluster.Single("HorizontalPodAutoscaler").Text("spec", "minReplicas"), CultureInfo.InvariantCulture));

        Assert.All(budget.Map("spec", "selector", "matchLabels").Pairs(), label => Assert.Equal(label.Value.ToString(), labels.TextOrNull(label.Key)));
        Assert.True(
            int.Parse(budget.Text("spec", "minAvailable"), CultureInfo.InvariantCulture) < fewestReplicas,
            $"minAvailable {budget.Text("spec", "minAvailable")} with as few as {fewestReplicas} replicas: no pod could ever be evicted, so no node drains");
    }
}
