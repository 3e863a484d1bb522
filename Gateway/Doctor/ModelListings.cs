using Gateway.Configuration;

namespace Gateway.Doctor;

/// <summary>The model-listing readers by backend kind. Kinds absent here (Azure, the mock) cannot list what they serve.</summary>
internal static class ModelListings
{
    private static readonly Dictionary<BackendKind, IModelListing> ByKind = new()
    {
        [BackendKind.Ollama] = new OllamaModelListing(),
        [BackendKind.OpenAI] = new OpenAiModelListing(),
        [BackendKind.LMStudio] = new LmStudioModelListing(),
        [BackendKind.Anthropic] = new AnthropicModelListing(),
    };

    public static IModelListing? For(BackendKind kind) => ByKind.GetValueOrDefault(kind);
}
