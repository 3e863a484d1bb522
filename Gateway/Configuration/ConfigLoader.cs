using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gateway.Configuration;

/// <summary>
/// Turns the YAML config file into a validated <see cref="GatewayConfig"/>. Every problem of the file is reported at once, one per line
/// in file order, as <c>file:line:column: key.path: what is wrong and what would be valid</c>, in a single <see cref="ConfigException"/>.
/// </summary>
internal static class ConfigLoader
{
    /// <summary>The environment variable naming the config file when no <c>--config</c> is given.</summary>
    public const string PathVariable = "GATEWAY_CONFIG";

    /// <summary>Reads and parses the file at <paramref name="path"/>; <paramref name="environment"/> serves <c>${VAR}</c> and key fallbacks.</summary>
    public static GatewayConfig Load(string path, Func<string, string?> environment)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigException($"Config file not found: {fullPath}. Pass --config <file> or set {PathVariable}.");
        }

        string yaml;
        try
        {
            yaml = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"Cannot read config file {fullPath}: {ex.Message}", ex);
        }

        return Parse(yaml, path, environment);
    }

    /// <summary>Parses <paramref name="yaml"/>; <paramref name="sourcePath"/> is the name used in messages.</summary>
    public static GatewayConfig Parse(string yaml, string sourcePath, Func<string, string?> environment)
    {
        var diagnostics = new ConfigDiagnostics(sourcePath);
        var root = new ConfigNode(LoadDocument(yaml, sourcePath), "", new ConfigReadContext(diagnostics, environment));
        var draft = new ConfigDraft(root, root.Entries("a mapping with an 'llm:' section"));

        ConfigSections.ReadAll(draft);
        if (diagnostics.HasErrors)
        {
            throw new ConfigException(diagnostics.FormatErrors());
        }

        return new GatewayConfig
        {
            SourcePath = Path.GetFullPath(sourcePath),
            Llm = draft.Llm!,
            Tools = draft.Tools,
            ModelSelector = draft.ModelSelector,
            Pricing = draft.Pricing,
            Logging = draft.Logging,
            Server = draft.Server,
            Version = ConfigVersion.Of(yaml),
            Warnings = diagnostics.FormatWarnings(),
        };
    }

    private static YamlNode LoadDocument(string yaml, string sourcePath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"{sourcePath}:{ex.Start.Line}:{ex.Start.Column}: invalid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new ConfigException(
                $"{sourcePath}:{second.Line}:{second.Column}: the file holds {stream.Documents.Count} YAML documents (separated by '---'); the gateway reads exactly one");
        }

        return stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode;
    }
}
