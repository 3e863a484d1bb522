namespace Gateway.Doctor;

/// <summary>
/// Anthropic's <c>GET /v1/models</c>, asked for its largest page. It lists dated ids (<c>claude-sonnet-4-5-20250929</c>), so an alias
/// (<c>claude-sonnet-4-5</c>, <c>claude-3-7-sonnet-latest</c>, <c>claude-sonnet-4-0</c>) matches the newest listed id that is the
/// alias (without <c>-latest</c> or <c>-0</c>) plus a date.
/// </summary>
internal sealed class AnthropicModelListing : IModelListing
{
    private const int PageLimit = 1000;
    private const string LatestSuffix = "-latest";
    private const string ZeroSuffix = "-0";

    public void AskForAll(HttpRequestMessage probe)
    {
        if (probe.RequestUri is { } uri && string.IsNullOrEmpty(uri.Query))
        {
            probe.RequestUri = new Uri($"{uri}?limit={PageLimit}");
        }
    }

    public IReadOnlyList<string>? Read(ReadOnlySpan<byte> body) => ListingJson.Names(body, "data", "id");

    public string? Find(string model, IReadOnlyList<string> listed)
    {
        if (listed.Contains(model, StringComparer.Ordinal))
        {
            return model;
        }

        var stem = model;
        foreach (var suffix in (ReadOnlySpan<string>)[LatestSuffix, ZeroSuffix])
        {
            if (stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                stem = stem[..^suffix.Length];
            }
        }

        return listed.Where(id => IsDated(id, stem + "-")).Order(StringComparer.Ordinal).LastOrDefault();
    }

    public string Missing(ExpectedModel model, EndpointTarget target, IReadOnlyList<string> listed) =>
        $"model {model.Label} is not listed by GET /v1/models{ListingJson.Suggestion(model.Name, listed)}: correct {model.ConfigPaths(target.Backend.Name)}";

    public string NotAListing(EndpointTarget target) =>
        $"the answer to GET /v1/models is not Anthropic's model list: point {target.SourceText} at https://api.anthropic.com";

    /// <summary>True when <paramref name="id"/> is <paramref name="stem"/> followed by an eight-digit date.</summary>
    private static bool IsDated(string id, string stem) =>
        id.Length == stem.Length + 8 && id.StartsWith(stem, StringComparison.Ordinal) && !id.AsSpan(stem.Length).ContainsAnyExceptInRange('0', '9');
}
