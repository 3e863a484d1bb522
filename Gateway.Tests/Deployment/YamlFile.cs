using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment;

/// <summary>Reads YAML files (compose, manifests, Prometheus) as YamlDotNet documents, with terse navigation that names what is missing.</summary>
internal static class YamlFile
{
    /// <summary>Every document of the file, each required to be a mapping.</summary>
    public static List<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(document => document.RootNode as YamlMappingNode
            ?? throw new InvalidDataException($"{path}: a document is not a mapping")).ToList();
    }

    public static YamlMappingNode Document(string path) => Documents(path) is [var single] ? single : throw new InvalidDataException($"{path}: expected one document");

    /// <summary>The child at <paramref name="key"/>, or null when the node is no mapping or lacks the key.</summary>
    public static YamlNode? Get(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    /// <summary>The mapping at <paramref name="path"/>; throws naming the path when a step is missing or not a mapping.</summary>
    public static YamlMappingNode Map(this YamlNode node, params string[] path) => node.At(path) as YamlMappingNode
        ?? throw new InvalidDataException($"{string.Join('.', path)} is not a mapping");

    public static List<YamlNode> List(this YamlNode node, params string[] path) => node.At(path) is YamlSequenceNode sequence
        ? [.. sequence.Children]
        : throw new InvalidDataException($"{string.Join('.', path)} is not a list");

    public static string Text(this YamlNode node, params string[] path) => node.At(path) is YamlScalarNode scalar
        ? scalar.Value ?? ""
        : throw new InvalidDataException($"{string.Join('.', path)} is not a scalar");

    /// <summary>The scalar at <paramref name="key"/>, or null when absent (or YAML null).</summary>
    public static string? TextOrNull(this YamlNode node, string key) =>
        node.Get(key) is YamlScalarNode scalar && !IsNull(scalar) ? scalar.Value : null;

    public static bool Has(this YamlNode node, string key) => node.Get(key) is not null;

    public static List<string> Texts(this YamlNode node, params string[] path) => node.List(path).Select(item => item.Text()).ToList();

    /// <summary>The pairs of a mapping, keys as text.</summary>
    public static IEnumerable<(string Key, YamlNode Value)> Pairs(this YamlNode? node) =>
        node is YamlMappingNode mapping ? mapping.Children.Select(pair => (pair.Key.ToString(), pair.Value)) : [];

    /// <summary>A plain scalar that YAML reads as null: empty, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static YamlNode At(this YamlNode node, string[] path)
    {
        var current = node;
        for (var i = 0; i < path.Length; i++)
        {
            current = current.Get(path[i]) ?? throw new InvalidDataException($"missing key '{path[i]}' of {string.Join('.', path)}");
        }

        return current;
    }
}
