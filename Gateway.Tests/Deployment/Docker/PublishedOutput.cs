using System.Xml.Linq;

namespace Gateway.Tests.Deployment.Docker;

/// <summary>
/// Stands in for a <c>dotnet publish</c> of a project of this repository: the project's build output beside the test assembly
/// (<see cref="AppContext.BaseDirectory"/>), which <c>dotnet &lt;assembly&gt;.dll</c> runs just as it runs a publish folder.
/// </summary>
internal static class PublishedOutput
{
    public static string Of(string context, string project)
    {
        var projectFile = Path.Combine(context, project);
        if (!File.Exists(projectFile))
        {
            throw new DockerBuildException($"dotnet publish {project}: no such project in the build context");
        }

        var assembly = XDocument.Load(projectFile).Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(projectFile);
        var output = AppContext.BaseDirectory;
        foreach (var file in new[] { $"{assembly}.dll", $"{assembly}.runtimeconfig.json", $"{assembly}.deps.json" })
        {
            if (!File.Exists(Path.Combine(output, file)))
            {
                throw new NotSupportedException($"dotnet publish {project}: the tests stand in for it with {output}, which lacks {file}");
            }
        }

        return output.TrimEnd('/');
    }
}
