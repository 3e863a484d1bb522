namespace Gateway.Resilience;

/// <summary>
/// One endpoint the gateway calls: backend, URL and, for Azure, the deployment (two deployments of one resource fail apart).
/// A value, so finding an endpoint's live state builds no string.
/// </summary>
internal readonly record struct EndpointId(string Backend, string Url, string? Deployment = null)
{
    /// <summary><c>ollama http://gpu1:11434</c>, <c>azure https://x.openai.azure.com#gpt-4</c>.</summary>
    public override string ToString() => Deployment is null ? $"{Backend} {Url}" : $"{Backend} {Url}#{Deployment}";
}
