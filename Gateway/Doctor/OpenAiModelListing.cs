namespace Gateway.Doctor;

/// <summary>OpenAI's <c>GET /v1/models</c>: every model the key may use, by exact <c>id</c>.</summary>
internal sealed class OpenAiModelListing : IModelListing
{
    public IReadOnlyList<string>? Read(ReadOnlySpan<byte> body) => ListingJson.Names(body, "data", "id");

    public string? Find(string model, IReadOnlyList<string> listed) => listed.Contains(model, StringComparer.Ordinal) ? model : null;

    public string Missing(ExpectedModel model, EndpointTarget target, IReadOnlyList<string> listed) =>
        $"model {model.Label} is not listed by GET /models{ListingJson.Suggestion(model.Name, listed)}: "
        + $"correct {model.ConfigPaths(target.Backend.Name)}, or give this key's project access to it";

    public string NotAListing(EndpointTarget target) =>
        $"the answer to GET /models is not a model list: {target.SourceText} should end in /v1 (https://api.openai.com/v1)";
}
