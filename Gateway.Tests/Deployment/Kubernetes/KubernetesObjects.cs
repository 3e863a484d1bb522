using System.Text;
using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Kubernetes;

/// <summary>The objects of a folder of manifests (every document of every <c>*.yaml</c>), as <c>kubectl apply</c> would create them.</summary>
internal sealed class KubernetesObjects
{
    private readonly List<(string File, YamlMappingNode Object)> _objects;

    private KubernetesObjects(List<(string, YamlMappingNode)> objects) => _objects = objects;

    public IEnumerable<(string File, YamlMappingNode Object)> All => _objects;

    public static KubernetesObjects Load(string folder) => new(
        [.. Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(file => YamlFile.Documents(file).Select(document => (Path.GetFileName(file), document)))]);

    public YamlMappingNode Find(string kind, string name) => TryFind(kind, name)
        ?? throw new KeyNotFoundException($"no {kind} named '{name}' in the manifests ({string.Join(", ", _objects.Select(o => $"{o.Object.TextOrNull("kind")}/{NameOf(o.Object)}"))})");

    public YamlMappingNode? TryFind(string kind, string name) =>
        _objects.Select(o => o.Object).FirstOrDefault(o => o.TextOrNull("kind") == kind && NameOf(o) == name);

    public YamlMappingNode Single(string kind) => _objects.Select(o => o.Object).Where(o => o.TextOrNull("kind") == kind).ToList() is [var only]
        ? only
        : throw new InvalidDataException($"expected one {kind} in the manifests");

    public static string NameOf(YamlNode node) => node.Get("metadata")?.TextOrNull("name") ?? "";

    /// <summary>A Secret's values: <c>stringData</c> over base64-decoded <c>data</c>, as the API server merges them.</summary>
    public IReadOnlyDictionary<string, string> SecretValues(string name)
    {
        var secret = Find("Secret", name);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in secret.Get("data").Pairs())
        {
            values[key] = Encoding.UTF8.GetString(Convert.FromBase64String(value.ToString()));
        }

        foreach (var (key, value) in secret.Get("stringData").Pairs())
        {
            values[key] = value.ToString();
        }

        return values;
    }

    /// <summary>
    /// Fills in values of Secret <paramref name="name"/> as its user does before applying it (its file says to): only keys the Secret
    /// already has are filled; the names of the others are returned, so a Secret lacking a key stays lacking it.
    /// </summary>
    public IReadOnlyList<string> FillSecret(string name, params (string Key, string Value)[] values)
    {
        var stringData = Find("Secret", name).Get("stringData") as YamlMappingNode;
        var missing = new List<string>();
        foreach (var (key, value) in values)
        {
            if (stringData?.Get(key) is YamlScalarNode scalar)
            {
                scalar.Value = value;
                scalar.Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted;
            }
            else
            {
                missing.Add(key);
            }
        }

        return missing;
    }

    public IReadOnlyDictionary<string, string> ConfigMapData(string name) =>
        Find("ConfigMap", name).Get("data").Pairs().ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
}
