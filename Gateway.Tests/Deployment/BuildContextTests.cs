using Gateway.Tests.Deployment.Docker;
using Gateway.Tests.Deployment.Harness;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment;

/// <summary>
/// What <c>docker build .</c> sees of the repository: every COPY finds its sources in the context that <c>.dockerignore</c> leaves, and the
/// restore and publish steps see every file of the project, and every file MSBuild reads for it, at the same relative place.
/// </summary>
public sealed class BuildContextTests
{
    /// <summary>The files MSBuild and NuGet pick up from a project's folder and its parents without the project naming them.</summary>
    private static readonly string[] ImplicitBuildFiles =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config", "NuGet.Config"];

    [Fact]
    public void Stages_EveryCopySourceIsInTheContextTheDockerignoreLeaves()
    {
        var stages = DockerBuild.Stages(DeploymentFiles.Root);

        Assert.All(stages.SelectMany(stage => stage.Image.Layers), layer => Assert.True(
            File.Exists(layer.HostPath) || Directory.Exists(layer.HostPath), $"{layer.Destination} comes from {layer.HostPath}, which does not exist"));
    }

    [Theory]
    [InlineData("restore")]
    [InlineData("publish")]
    public void DotnetStep_SeesEveryFileMsBuildReadsForTheProject(string step)
    {
        var (run, project, projectHost) = DotnetRun(step);
        var projectFolder = Path.GetDirectoryName(projectHost)!;
        var expected = new List<string>();
        for (var folder = projectFolder; IsWithinContext(folder); folder = Path.GetDirectoryName(folder)!)
        {
            expected.AddRange(ImplicitBuildFiles.Select(name => Path.Combine(folder, name)).Where(File.Exists));
        }

        if (step == "publish")
        {
            var ignore = DockerIgnore.Of(DeploymentFiles.Root);
            expected.AddRange(Directory.EnumerateFiles(projectFolder, "*", SearchOption.AllDirectories)
                .Where(file => !ignore.Excludes(Path.GetRelativePath(DeploymentFiles.Root, file))));
        }

        var projectContainerFolder = project[..project.LastIndexOf('/')];
        Assert.All(expected, file =>
        {
            var at = ContainerPath.Resolve(projectContainerFolder, Path.GetRelativePath(projectFolder, file).Replace('\\', '/'));
            Assert.True(
                run.Layers.Any(layer => layer.Destination == at && layer.HostPath == file),
                $"dotnet {step} (line {run.Line}) needs {Path.GetRelativePath(DeploymentFiles.Root, file)} at {at}, which no COPY before it puts there");
        });
    }

    private static bool IsWithinContext(string folder) =>
        (folder + "/").StartsWith(DeploymentFiles.Root.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>The first <c>dotnet &lt;step&gt; project</c> RUN of any stage, the project's path in the stage and the file it was copied from.</summary>
    private static (BuildRun Run, string Project, string HostPath) DotnetRun(string step)
    {
        foreach (var run in DockerBuild.Stages(DeploymentFiles.Root).SelectMany(stage => stage.Runs))
        {
            var words = DockerWords.Split(run.Command, new Dictionary<string, string>());
            var at = words.FindIndex(word => word == step);
            if (at > 0 && words[at - 1] == "dotnet" && words.Skip(at + 1).FirstOrDefault(word => !word.StartsWith('-')) is { } project)
            {
                var path = ContainerPath.Resolve(run.WorkingDirectory, project);
                var layer = run.Layers.LastOrDefault(l => l.Destination == path)
                    ?? throw new InvalidOperationException($"dotnet {step} {project} (line {run.Line}): nothing was copied to {path}");
                return (run, path, layer.HostPath);
            }
        }

        throw new InvalidOperationException($"the Dockerfile runs no dotnet {step}");
    }
}
