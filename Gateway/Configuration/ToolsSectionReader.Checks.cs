
namespace Gateway.Configuration;

/// <summary>The startup checks that make a tool usable as written: a parsable prompt template, and a model to run.</summary>
internal static partial class ToolsSectionReader
{
    /// <summary>The template that wins (the <c>llm:</c> one) must parse and must place <c>{input}</c>.</summary>
    private static void CheckTemplate(ConfigMapping? llm, ConfigMapping tool)
    {
        var node = llm?.Get("prompt_template") ?? tool.Get("prompt_template");
        if (node?.Text() is { } text && !PromptTemplate.TryParse(text, out _, out var error))
        {
            node.Error(error!);
        }
    }

    /// <summary>
    /// A tool naming neither <c>llm.model_key</c> nor <c>llm.model</c> runs the backend's first model key (Azure: else its
    /// <c>deployment_name</c> or first deployment). Without one the tool cannot run: a warning at startup, a 422 when invoked.
    /// </summary>
    private static void CheckDefaultModel(ConfigNode toolNode, string backendName, LlmConfig llm)
    {
        if (!llm.Backends.TryGetValue(backendName, out var backend)
            || backend.Models.Count > 0 || backend.Deployments.Count > 0 || !string.IsNullOrEmpty(backend.DeploymentName))
        {
            return;
        }

        var where = backend.Kind == BackendKind.Azure ? $"llm.{backendName}.deployments" : $"llm.{backendName}.models";
        toolNode.Warning(
            $"the tool names no model and {where} is empty, so invoking it will fail; set {ConfigPath.Append(toolNode.Path, "llm")}.model_key "
            + $"or {ConfigPath.Append(toolNode.Path, "llm")}.model, or add a model key under {where}");
    }
}
