using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Selection;

/// <summary>
/// Builds the selector's catalogue from the configured backends, in file order: per backend, every model named in <c>models</c>,
/// <c>context_windows</c> and (Azure) <c>deployments</c>, then the <c>model_selector.models</c> entries that add a model to it.
/// Embedding models are left out, and so is an Azure deployment id whose entry names the model it serves. Traits come from the entry describing the model, else from its name and the backend's
/// <c>context_windows</c>.
/// </summary>
internal static class SelectionCatalogue
{
    public static IReadOnlyList<ModelProfile> Build(GatewayConfig config)
    {
        var stated = config.ModelSelector.Models;
        var profiles = new List<ModelProfile>();
        foreach (var backend in config.Llm.Backends.Values)
        {
            var names = new List<string>();
            foreach (var model in backend.Models.Values)
            {
                AddName(names, backend, model);
            }

            foreach (var model in backend.ContextWindows.Keys)
            {
                if (!IsDeploymentOfNamedModel(backend, model))
                {
                    AddName(names, backend, model);
                }
            }

            foreach (var entry in backend.Deployments.Values)
            {
                AddName(names, backend, entry.Model ?? entry.Deployment);
            }

            foreach (var entry in stated)
            {
                if (entry.Backend == backend.Name)
                {
                    AddName(names, backend, entry.Model);
                }
            }

            foreach (var name in names)
            {
                profiles.Add(Profile(backend, name, StatedFor(stated, backend.Name, name)));
            }
        }

        return profiles;
    }

    private static ModelProfile Profile(BackendConfig backend, string model, SelectorModelEntry? entry)
    {
        var (window, source) = entry?.ContextWindow is { } stated ? (stated, "model_selector")
            : ConfiguredWindow(backend, model) is { } configured ? (configured, "context_windows")
            : ModelTraits.KnownContextWindow(model) is { } known ? (known, "known")
            : (ModelTraits.AssumedContextWindow, "assumed");
        var speed = entry?.Speed ?? ModelTraits.Speed(model);
        return new ModelProfile
        {
            Backend = backend.Name,
            Model = model,
            ModelKey = ModelCatalog.KeyOf(backend, model),
            ContextWindow = window,
            ContextSource = source,
            Speed = speed,
            Cost = entry?.Cost ?? ModelTraits.Cost(backend.Kind, model),
            Quality = entry?.Quality ?? ModelTraits.Quality(model),
            Specializations = entry?.Specializations ?? ModelTraits.Specializations(model, speed, window),
            Stated = entry is not null,
        };
    }

    /// <summary>The backend's window for the model; for Azure also the window of a deployment serving it (keyed by deployment id).</summary>
    private static int? ConfiguredWindow(BackendConfig backend, string model)
    {
        if (backend.ContextWindowFor(model) is { } window)
        {
            return window;
        }

        foreach (var entry in backend.Deployments.Values)
        {
            if (entry.Model == model && backend.ContextWindowFor(entry.Deployment) is { } deployed)
            {
                return deployed;
            }
        }

        return null;
    }

    /// <summary>The entry about this backend's model: one naming the backend wins over one for every backend.</summary>
    private static SelectorModelEntry? StatedFor(IReadOnlyList<SelectorModelEntry> stated, string backend, string model)
    {
        SelectorModelEntry? general = null;
        foreach (var entry in stated)
        {
            if (entry.Model != model)
            {
                continue;
            }

            if (entry.Backend == backend)
            {
                return entry;
            }

            if (entry.Backend is null)
            {
                general ??= entry;
            }
        }

        return general;
    }

    private static void AddName(List<string> names, BackendConfig backend, string model)
    {
        if (string.IsNullOrWhiteSpace(model) || names.Contains(model) || IsEmbeddingModel(backend, model))
        {
            return;
        }

        names.Add(model);
    }

    /// <summary>
    /// An Azure <c>context_windows</c> key that is the deployment id of an entry stating its model (<c>gpt-35-turbo</c> serving
    /// <c>gpt-3.5-turbo</c>): the window belongs to that model, not to a model of its own.
    /// </summary>
    private static bool IsDeploymentOfNamedModel(BackendConfig backend, string name)
    {
        foreach (var entry in backend.Deployments.Values)
        {
            if (entry.Deployment == name && entry.Model is { } model && model != name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEmbeddingModel(BackendConfig backend, string model) =>
        model == backend.EmbeddingModel || model.Contains("embed", StringComparison.OrdinalIgnoreCase);
}
