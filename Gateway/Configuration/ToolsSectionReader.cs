namespace Gateway.Configuration;

/// <summary>
/// Reads <c>tools:</c>. <c>system_prompt</c>, <c>prompt_template</c>, <c>temperature</c> and <c>max_tokens</c> may stand on the tool or
/// under its <c>llm:</c>; the <c>llm:</c> one wins. A <c>model_key</c> must exist on the tool's backend (tool <c>backend</c>, else
/// <c>global_defaults.default_backend</c>, else <c>llm.backend</c>).
/// </summary>
internal static partial class ToolsSectionReader
{
    public const string LlmType = "llm";

    // cost_tier, speed_tier, quality_tier and max_output_length are informational in the product's configs: accepted, not used.
    private static readonly string[] ToolKeys =
    [
        "type", "backend", "description", "system_prompt", "prompt_template", "temperature", "max_tokens", "llm",
        "cost_tier", "speed_tier", "quality_tier", "max_output_length", .. ResilienceSettingsReader.Keys,
    ];

    private static readonly string[] ToolLlmKeys = ["model_key", "model", "system_prompt", "prompt_template", "temperature", "max_tokens"];
    private static readonly string[] ValidTypes = [LlmType];

    public static void Read(ConfigNode? node, ConfigDraft draft)
    {
        foreach (var (name, _, value) in node?.Entries("a mapping of tool name: tool settings") ?? [])
        {
            draft.Tools[name] = ReadTool(name, value, draft);
        }
    }

    private static ToolConfig ReadTool(string name, ConfigNode node, ConfigDraft draft)
    {
        var tool = node.Mapping(ToolKeys);
        var llm = tool.Get("llm")?.Mapping(ToolLlmKeys);

        var typeNode = tool.Get("type");
        var type = typeNode?.RequiredText("a tool type") ?? LlmType;
        if (!ValidTypes.Contains(type))
        {
            typeNode!.Error($"tool type '{type}' is not served by the gateway; valid types: {string.Join(", ", ValidTypes)}");
        }

        var configured = draft.Llm?.Backends.Keys ?? (IReadOnlyList<string>)[];
        var backendNode = tool.Get("backend");
        var backend = backendNode is null ? null : BackendReferences.Resolve(backendNode, configured);

        var modelKeyNode = llm?.Get("model_key");
        var modelKey = modelKeyNode?.RequiredText("a model key");
        var model = llm?.Get("model")?.RequiredText("a model name");
        if (modelKey is not null && model is null && (backendNode is null ? draft.LlmDefaultsResolved : backend is not null))
        {
            CheckModelKey(modelKey, modelKeyNode!, node.Path, backend, draft.Llm!);
        }

        CheckTemplate(llm, tool);
        if (modelKey is null && model is null && (backendNode is null ? draft.LlmDefaultsResolved : backend is not null))
        {
            CheckDefaultModel(node, backend ?? draft.Llm!.DefaultBackend, draft.Llm!);
        }

        return new ToolConfig
        {
            Name = name,
            Type = type,
            Backend = backend,
            ModelKey = modelKey,
            Model = model,
            Description = tool.Get("description")?.Text(),
            SystemPrompt = EitherText(llm, tool, "system_prompt"),
            PromptTemplate = EitherText(llm, tool, "prompt_template"),
            Temperature = Either(llm, tool, "temperature", n => n.Number(0, 2)),
            MaxTokens = Either(llm, tool, "max_tokens", n => n.PositiveInt()),
            Resilience = ResilienceSettingsReader.Read(tool),
        };
    }

    /// <summary>Reads the key at both levels (so both are checked) and prefers the <c>llm:</c> one.</summary>
    private static T? Either<T>(ConfigMapping? llm, ConfigMapping tool, string key, Func<ConfigNode, T?> read)
        where T : struct
    {
        var inner = llm?.Get(key) is { } innerNode ? read(innerNode) : null;
        var outer = tool.Get(key) is { } outerNode ? read(outerNode) : null;
        return inner ?? outer;
    }

    private static string? EitherText(ConfigMapping? llm, ConfigMapping tool, string key)
    {
        var inner = llm?.Get(key)?.Text();
        var outer = tool.Get(key)?.Text();
        return inner ?? outer;
    }

    private static void CheckModelKey(string modelKey, ConfigNode node, string toolPath, string? toolBackend, LlmConfig llm)
    {
        var backendName = toolBackend ?? llm.DefaultBackend;
        if (!llm.Backends.TryGetValue(backendName, out var backend))
        {
            return;
        }

        var isAzure = backend.Kind == BackendKind.Azure;
        List<string> keys = isAzure ? [.. backend.Deployments.Keys, .. backend.Models.Keys.Except(backend.Deployments.Keys)] : [.. backend.Models.Keys];
        if (keys.Contains(modelKey))
        {
            return;
        }

        var where = isAzure ? $"llm.{backendName}.deployments or llm.{backendName}.models" : $"llm.{backendName}.models";
        var there = keys.Count == 0
            ? $", which {(isAzure ? "are" : "is")} empty; add it there or name a model with {ConfigPath.Append(ConfigPath.Append(toolPath, "llm"), "model")}"
            : $"; keys there: {string.Join(", ", keys)}{DidYouMean.Hint(modelKey, keys)}";
        node.Error($"model key '{modelKey}' is not in {where}{there}");
    }
}
