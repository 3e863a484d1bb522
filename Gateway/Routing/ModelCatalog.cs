using Gateway.Configuration;

namespace Gateway.Routing;

/// <summary>What one backend section says about model keys and model names.</summary>
internal static class ModelCatalog
{
    /// <summary>The one label metrics and the usage ledger give every model the config does not name.</summary>
    public const string OtherModel = "other";

    /// <summary>
    /// True when <paramref name="key"/> is a model key of <paramref name="backend"/>: a key of its <c>models</c>, or for Azure
    /// the name of a <c>deployments</c> entry that is not a regional entry (see <see cref="IsRegional"/>).
    /// </summary>
    public static bool HasKey(BackendConfig backend, string key) =>
        backend.Models.ContainsKey(key) || (backend.Kind == BackendKind.Azure
            && backend.Deployments.TryGetValue(key, out var entry) && !IsRegional(entry));

    /// <summary>Every model key of <paramref name="backend"/> in file order: <c>models</c> keys, then Azure role entries.</summary>
    public static IEnumerable<string> KeysOf(BackendConfig backend)
    {
        foreach (var key in backend.Models.Keys)
        {
            yield return key;
        }

        if (backend.Kind != BackendKind.Azure)
        {
            yield break;
        }

        foreach (var (name, entry) in backend.Deployments)
        {
            if (!IsRegional(entry) && !backend.Models.ContainsKey(name))
            {
                yield return name;
            }
        }
    }

    /// <summary>
    /// The model key the concrete <paramref name="model"/> holds on <paramref name="backend"/>: the first <c>models</c> key mapping
    /// to it, else (Azure) the first role entry whose <c>model</c> or <c>deployment</c> is it; null when it holds none.
    /// </summary>
    public static string? KeyOf(BackendConfig backend, string model)
    {
        foreach (var (key, value) in backend.Models)
        {
            if (value == model)
            {
                return key;
            }
        }

        if (backend.Kind == BackendKind.Azure)
        {
            foreach (var (name, entry) in backend.Deployments)
            {
                if (!IsRegional(entry) && (entry.Model == model || entry.Deployment == model))
                {
                    return name;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="backend"/> lists <paramref name="model"/> by name: a <c>models</c> value, a <c>context_windows</c> key,
    /// or an Azure deployment's <c>deployment</c> or <c>model</c>.
    /// </summary>
    public static bool Lists(BackendConfig backend, string model)
    {
        if (backend.ContextWindows.ContainsKey(model))
        {
            return true;
        }

        foreach (var value in backend.Models.Values)
        {
            if (value == model)
            {
                return true;
            }
        }

        foreach (var entry in backend.Deployments.Values)
        {
            if (entry.Deployment == model || entry.Model == model)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="model"/> as metrics and the usage ledger name it: itself when <paramref name="backend"/>'s config names it (see
    /// <see cref="Lists"/>, and its <c>embedding_model</c> and <c>deployment_name</c>), else <see cref="OtherModel"/>, so that
    /// clients sending invented model names (<c>ollama/anything</c>) cannot grow them without bound.
    /// </summary>
    public static string Label(BackendConfig backend, string model) =>
        model == backend.EmbeddingModel || model == backend.DeploymentName || Lists(backend, model) ? model : OtherModel;

    /// <summary>
    /// An Azure entry of the multi-region pattern: it carries its own <c>endpoint</c> and states no <c>model</c>, so its name is a
    /// region label rather than a model key.
    /// </summary>
    public static bool IsRegional(AzureDeployment entry) => !string.IsNullOrEmpty(entry.Endpoint) && string.IsNullOrEmpty(entry.Model);

    /// <summary>Where a backend's model keys live, for messages: <c>llm.anthropic.models</c>.</summary>
    public static string KeyLocation(BackendConfig backend) => backend.Kind == BackendKind.Azure
        ? $"llm.{backend.Name}.deployments or llm.{backend.Name}.models"
        : $"llm.{backend.Name}.models";
}
