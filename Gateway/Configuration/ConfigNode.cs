using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gateway.Configuration;

/// <summary>
/// A YAML node together with its key path (<c>llm.ollama.models.generator</c>). The getters record an error against the node's line
/// and column and return a best-effort value (null, empty) instead of throwing, so one pass finds every problem of a file.
/// </summary>
internal sealed partial class ConfigNode(YamlNode yaml, string path, ConfigReadContext context)
{
    private const string NullTag = "tag:yaml.org,2002:null";

    public YamlNode Yaml { get; } = yaml;

    /// <summary>The key path shown in messages; empty for the document root.</summary>
    public string Path { get; } = path;

    public ConfigReadContext Context { get; } = context;

    public Mark Start => Yaml.Start;

    /// <summary>True for <c>~</c>, <c>null</c>, an empty plain value, or an explicit <c>!!null</c>.</summary>
    public bool IsNull => Yaml is YamlScalarNode scalar
        && ((scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL")
            || (!scalar.Tag.IsEmpty && scalar.Tag.Value == NullTag));

    public void Error(string message) => Context.Diagnostics.Error(Start, Path, message);

    public void Warning(string message) => Context.Diagnostics.Warning(Start, Path, message);

    public ConfigNode Child(string key, YamlNode node) => new(node, ConfigPath.Append(Path, key), Context);

    public ConfigNode Item(int index, YamlNode node) => new(node, $"{Path}[{index}]", Context);

    /// <summary>The items of a list; null is an empty list, anything else an error.</summary>
    public IReadOnlyList<ConfigNode> Items(string expected)
    {
        if (IsNull)
        {
            return [];
        }

        if (Yaml is not YamlSequenceNode sequence)
        {
            Error($"expected {expected}, found {Describe()}");
            return [];
        }

        var items = new List<ConfigNode>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            items.Add(Item(i, sequence.Children[i]));
        }

        return items;
    }

    /// <summary>The entries of a mapping whose keys are names chosen by the operator (models, tools); null is empty.</summary>
    public IReadOnlyList<ConfigEntry> Entries(string expected)
    {
        if (IsNull)
        {
            return [];
        }

        if (Yaml is not YamlMappingNode mapping)
        {
            Error($"expected {expected}, found {Describe()}");
            return [];
        }

        var entries = new List<ConfigEntry>(mapping.Children.Count);
        foreach (var (keyYaml, valueYaml) in mapping.Children)
        {
            var keyNode = new ConfigNode(keyYaml, Path, Context);
            if (keyYaml is not YamlScalarNode { Value: { Length: > 0 } key } || keyNode.IsNull)
            {
                keyNode.Error($"expected a name as the key, found {keyNode.Describe()}");
                continue;
            }

            entries.Add(new ConfigEntry(key, keyNode, Child(key, valueYaml)));
        }

        return entries;
    }

    /// <summary>A mapping with a fixed set of keys: an unknown key is an error that lists the valid ones.</summary>
    public ConfigMapping Mapping(IReadOnlyCollection<string> validKeys)
    {
        var entries = Entries("a mapping of " + string.Join(", ", validKeys));
        var valid = new List<ConfigEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (validKeys.Contains(entry.Key))
            {
                valid.Add(entry);
            }
            else
            {
                Context.Diagnostics.Error(entry.KeyNode.Start, Path, UnknownKey(entry.Key, validKeys));
            }
        }

        return new ConfigMapping(this, valid);
    }

    /// <summary><c>unknown key 'x'; valid keys: a, b (did you mean 'a'?)</c>.</summary>
    public static string UnknownKey(string key, IReadOnlyCollection<string> validKeys) =>
        $"unknown key '{key}'; valid keys: {string.Join(", ", validKeys)}{DidYouMean.Hint(key, validKeys)}";

    /// <summary>What the node holds, for "expected X, found Y"; never the text itself, which may be a secret.</summary>
    public string Describe() => Yaml switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull => "nothing (null)",
        _ => "a single value",
    };
}
