namespace Gateway.Doctor;

/// <summary>
/// Ollama's <c>GET /api/tags</c>: the pulled models by <c>name</c> (<c>llama3.2:latest</c>). A name without a tag means <c>:latest</c>,
/// and names are matched ignoring case, as Ollama resolves them.
/// </summary>
internal sealed class OllamaModelListing : IModelListing
{
    private const string LatestTag = ":latest";

    public IReadOnlyList<string>? Read(ReadOnlySpan<byte> body) => ListingJson.Names(body, "models", "name", "model");

    public string? Find(string model, IReadOnlyList<string> listed)
    {
        var wanted = Canonical(model);
        return listed.FirstOrDefault(name => string.Equals(Canonical(name), wanted, StringComparison.OrdinalIgnoreCase));
    }

    public string Missing(ExpectedModel model, EndpointTarget target, IReadOnlyList<string> listed)
    {
        var suggestion = ListingJson.Suggestion(model.Name, listed.Select(name => name.EndsWith(LatestTag, StringComparison.Ordinal) ? name[..^LatestTag.Length] : name));
        var held = listed.Count == 0 ? " (nothing is pulled there yet)" : suggestion;
        return $"model {model.Label} is not pulled{held}: run `{PullCommand(model.Name, target.Url)}`"
            + (suggestion.Length > 0 ? $", or correct {model.ConfigPaths(target.Backend.Name)}" : "");
    }

    public string NotAListing(EndpointTarget target) =>
        $"the answer to GET /api/tags is not Ollama's model list: point {target.SourceText} at an Ollama server (default port 11434)";

    /// <summary><c>ollama pull m</c>, aimed at the endpoint's host through <c>OLLAMA_HOST</c> unless it is the local default.</summary>
    internal static string PullCommand(string model, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.IsLoopback && uri.Port == 11434))
        {
            return $"ollama pull {model}";
        }

        return $"OLLAMA_HOST={uri.Scheme}://{uri.Authority} ollama pull {model}";
    }

    private static string Canonical(string name)
    {
        var lastSegment = name.AsSpan(name.LastIndexOf('/') + 1);
        return lastSegment.Contains(':') ? name : name + LatestTag;
    }
}
