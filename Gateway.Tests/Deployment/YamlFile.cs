using YamlDotNet.RepresentationModel;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Deployment;

/// <summary>Reads repository YAML files (compose, manifests, Prometheus) as YamlDotNet documents, with terse navigation for assertions.</summary>
internal static class YamlFile
{
    public static string PathOf(params string[] parts) => Path.Combine([RepositoryRoot(), .. parts]);

    /// <summary>Every document of the file, each required to be a mapping.</summary>
    public static List<YamlMappingNode> Documents(params string[] parts)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(PathOf(parts)))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(document => Assert.IsType<YamlMappingNode>(document.RootNode)).ToList();
    }

    public static YamlMappingNode Document(params string[] parts) => Assert.Single(Documents(parts));

    /// <summary>The mapping at <paramref name="path"/> below <paramref name="node"/>; fails the test when any step is missing.</summary>
    public static YamlMappingNode Map(this YamlNode node, params string[] path) => Assert.IsType<YamlMappingNode>(node.At(path));

    public static List<YamlNode> List(this YamlNode node, params string[] path) => [.. Assert.IsType<YamlSequenceNode>(node.At(path)).Children];

    public static string Text(this YamlNode node, params string[] path) => Assert.IsType<YamlScalarNode>(node.At(path)).Value ?? "";

    public static bool Has(this YamlNode node, string key) => node is YamlMappingNode mapping && mapping.Children.ContainsKey(new YamlScalarNode(key));

    public static List<string> Texts(this YamlNode node, params string[] path) => node.List(path).Select(item => item.Text()).ToList();

    private static YamlNode At(this YamlNode node, string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            var mapping = Assert.IsType<YamlMappingNode>(current);
            Assert.True(mapping.Children.TryGetValue(new YamlScalarNode(key), out var next), $"missing key '{key}' of {string.Join(".", path)}");
            current = next;
        }

        return current;
    }
}
