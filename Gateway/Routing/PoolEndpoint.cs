namespace Gateway.Routing;

/// <summary>
/// One member of an endpoint pool: a base URL and, for Azure, the deployment served there with its own model and key.
/// </summary>
/// <param name="Url">Base URL without a trailing slash (Azure: the resource endpoint).</param>
/// <param name="Deployment">Azure only: the deployment id that goes into the URL.</param>
/// <param name="Model">The model this member serves when the pool knows it (Azure entries); null when the plan decides.</param>
/// <param name="ApiKey">The member's own key (Azure deployments may carry one); null to use the backend's.</param>
internal sealed record PoolEndpoint(string Url, string? Deployment = null, string? Model = null, string? ApiKey = null)
{
    /// <summary>Identifies the member inside its pool: the URL, plus the deployment where there is one.</summary>
    public string Id => Deployment is null ? Url : $"{Url}#{Deployment}";

    /// <summary>Never prints <see cref="ApiKey"/>, so a member can be logged safely.</summary>
    public override string ToString() => Id;
}
