using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Compose;

/// <summary>An entry of a service's <c>volumes</c>, short (<c>source:target[:ro]</c>) or long syntax: a bind of a project path or a named volume.</summary>
internal sealed record ComposeVolume(string Type, string? Source, string Target, bool ReadOnly)
{
    public static ComposeVolume Parse(YamlNode node, string projectDirectory)
    {
        if (node is YamlScalarNode scalar)
        {
            var parts = (scalar.Value ?? "").Split(':');
            var readOnly = parts.Length > 2 && parts[2].Split(',').Contains("ro");
            if (parts.Length == 1)
            {
                return new ComposeVolume("volume", null, parts[0], false);
            }

            var isPath = parts[0].StartsWith('.') || parts[0].StartsWith('/') || parts[0].StartsWith('~');
            return new ComposeVolume(isPath ? "bind" : "volume", isPath ? HostPath(parts[0], projectDirectory) : parts[0], parts[1], readOnly);
        }

        var type = node.TextOrNull("type") ?? "volume";
        var source = node.TextOrNull("source");
        return new ComposeVolume(
            type,
            type == "bind" && source is not null ? HostPath(source, projectDirectory) : source,
            node.Text("target"),
            node.TextOrNull("read_only") is "true");
    }

    private static string HostPath(string path, string projectDirectory) => Path.GetFullPath(Path.Combine(projectDirectory, path));
}
