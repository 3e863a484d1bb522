using YamlDotNet.RepresentationModel;

namespace Gateway.Configuration;

/// <summary>Reads the per-backend maps keyed by model key or model name: <c>models</c>, <c>endpoints</c>, <c>context_windows</c>.</summary>
internal static class ModelMapsReader
{
    private static readonly string[] LegacyModelKeys = ["model", "endpoint", "endpoints"];

    /// <summary>
    /// <c>models</c>: model key → model name. Ollama also takes the legacy per-role form <c>{model, endpoint, endpoints}</c>, whose
    /// endpoints (null entries meaning <paramref name="baseUrl"/>) go to <paramref name="endpoints"/>.
    /// </summary>
    public static OrderedDictionary<string, string> ReadModels(
        ConfigNode? node, BackendKind kind, string baseUrl, OrderedDictionary<string, IReadOnlyList<string>> endpoints)
    {
        var models = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return models;
        }

        foreach (var (key, _, value) in node.Entries("a mapping of model key: model name"))
        {
            if (kind == BackendKind.Ollama && value.Yaml is YamlMappingNode)
            {
                ReadLegacyModel(key, value, baseUrl, models, endpoints);
            }
            else if (value.RequiredText("a model name") is { } model)
            {
                models[key] = model;
            }
        }

        return models;
    }

    /// <summary><c>endpoints</c>: model key → base URLs used in turn; every key must also be a key of <c>models</c>.</summary>
    public static void ReadEndpoints(
        ConfigNode? node, string sectionPath, string baseUrl, OrderedDictionary<string, string> models, OrderedDictionary<string, IReadOnlyList<string>> endpoints)
    {
        if (node is null)
        {
            return;
        }

        foreach (var (key, keyNode, value) in node.Entries("a mapping of model key: list of URLs"))
        {
            if (endpoints.ContainsKey(key))
            {
                keyNode.Error($"endpoints for model key '{key}' are already given in {sectionPath}.models.{key}; keep one of the two");
                continue;
            }

            if (!models.ContainsKey(key))
            {
                var keys = models.Count == 0 ? "none" : string.Join(", ", models.Keys);
                keyNode.Error($"model key '{key}' has endpoints but no model in {sectionPath}.models; keys there: {keys}{DidYouMean.Hint(key, models.Keys)}");
                continue;
            }

            if (ReadUrlList(value, baseUrl) is { } urls)
            {
                endpoints[key] = urls;
            }
        }
    }

    /// <summary><c>context_windows</c>: model name → window in tokens.</summary>
    public static OrderedDictionary<string, int> ReadContextWindows(ConfigNode? node) => ReadTokenCounts(node, "a mapping of model name: context window in tokens");

    public static OrderedDictionary<string, int> ReadMaxOutputTokens(ConfigNode? node) => ReadTokenCounts(node, "a mapping of model name: the most tokens one answer may have");

    private static OrderedDictionary<string, int> ReadTokenCounts(ConfigNode? node, string expected)
    {
        var windows = new OrderedDictionary<string, int>(StringComparer.Ordinal);
        if (node is null)
        {
            return windows;
        }

        foreach (var (model, _, value) in node.Entries(expected))
        {
            if (value.PositiveInt() is { } window)
            {
                windows[model] = window;
            }
        }

        return windows;
    }

    private static void ReadLegacyModel(
        string key, ConfigNode value, string baseUrl, OrderedDictionary<string, string> models, OrderedDictionary<string, IReadOnlyList<string>> endpoints)
    {
        var entry = value.Mapping(LegacyModelKeys);
        if (entry.Get("model") is not { } modelNode)
        {
            value.Error("missing 'model': the per-role form is {model: \"llama3\", endpoint: <URL or null>, endpoints: [<URLs>]}");
        }
        else if (modelNode.RequiredText("a model name") is { } model)
        {
            models[key] = model;
        }

        if (entry.Get("endpoints") is { } list)
        {
            if (ReadUrlList(list, baseUrl) is { } urls)
            {
                endpoints[key] = urls;
            }
        }
        else if (entry.Get("endpoint") is { } single)
        {
            if (single.Url() is { } url)
            {
                endpoints[key] = [url];
            }
        }
        else
        {
            endpoints[key] = [baseUrl];
        }
    }

    private static string[]? ReadUrlList(ConfigNode node, string baseUrl)
    {
        var items = node.Items("a list of base URLs");
        if (items.Count == 0)
        {
            if (node.Yaml is YamlSequenceNode || node.IsNull)
            {
                node.Error("expected at least one base URL");
            }

            return null;
        }

        var urls = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (item.IsNull)
            {
                urls.Add(baseUrl);
            }
            else if (item.Url() is { } url)
            {
                urls.Add(url);
            }
        }

        return urls.Count == items.Count ? [.. urls] : null;
    }
}
