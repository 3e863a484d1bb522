namespace Gateway.Doctor;

/// <summary>
/// LM Studio's <c>GET /v1/models</c>: the models it has (downloaded, or loaded when just-in-time loading is off). Ids are matched
/// ignoring case, and <c>m</c> also matches a quantization variant listed as <c>m@q4_k_m</c>.
/// </summary>
internal sealed class LmStudioModelListing : IModelListing
{
    public IReadOnlyList<string>? Read(ReadOnlySpan<byte> body) => ListingJson.Names(body, "data", "id");

    public string? Find(string model, IReadOnlyList<string> listed) =>
        listed.FirstOrDefault(id => string.Equals(id, model, StringComparison.OrdinalIgnoreCase))
        ?? listed.FirstOrDefault(id => id.StartsWith(model + "@", StringComparison.OrdinalIgnoreCase));

    public string Missing(ExpectedModel model, EndpointTarget target, IReadOnlyList<string> listed) =>
        $"model {model.Label} is not available in LM Studio{ListingJson.Suggestion(model.Name, listed)}: "
        + $"download and load it (`lms get {model.Name}`, `lms load {model.Name}`) or correct {model.ConfigPaths(target.Backend.Name)}";

    public string NotAListing(EndpointTarget target) =>
        $"the answer to GET /models is not a model list: {target.SourceText} should end in /v1 (http://localhost:1234/v1)";
}
