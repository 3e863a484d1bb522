namespace Gateway.Configuration;

/// <summary>
/// The Azure parts of <c>llm.azure</c>: the resource <c>endpoint</c> (else <c>AZURE_OPENAI_ENDPOINT</c>), <c>api_version</c>,
/// <c>deployment_name</c> and <c>deployments</c> (per role or per region, each optionally with its own endpoint and key).
/// </summary>
internal static class AzureSectionReader
{
    private static readonly string[] DeploymentKeys = ["deployment", "model", "endpoint", "api_key"];

    public static BackendConfig Read(ConfigMapping section, BackendSectionSpec spec, string? apiKey)
    {
        var deployments = ReadDeployments(section.Get("deployments"));
        var endpoints = new OrderedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        return new BackendConfig
        {
            Name = spec.Name,
            Kind = BackendKind.Azure,
            BaseUrl = ReadEndpoint(section, deployments),
            ApiKey = apiKey,
            ApiKeyHint = spec.ApiKeyHint,
            DeploymentName = section.Get("deployment_name")?.Text(),
            ApiVersion = section.Get("api_version")?.Text() ?? BackendSectionSpec.AzureDefaultApiVersion,
            Deployments = deployments,
            Models = ModelMapsReader.ReadModels(section.Get("models"), BackendKind.Azure, "", endpoints),
            ContextWindows = ModelMapsReader.ReadContextWindows(section.Get("context_windows")),
            MaxOutputTokens = ModelMapsReader.ReadMaxOutputTokens(section.Get("max_output_tokens")),
            EmbeddingModel = section.Get("embedding_model")?.Text(),
            Resilience = ResilienceSettingsReader.Read(section),
        };
    }

    /// <summary><c>endpoint</c>, else <c>AZURE_OPENAI_ENDPOINT</c>; empty is allowed only when every deployment has its own endpoint.</summary>
    private static string ReadEndpoint(ConfigMapping section, OrderedDictionary<string, AzureDeployment> deployments)
    {
        var node = section.Get("endpoint");
        var endpoint = node?.Url(allowEmpty: true);
        if (node is not null && endpoint is null)
        {
            return ""; // invalid, already reported
        }

        if (string.IsNullOrEmpty(endpoint) && section.Owner.Context.Variable(BackendSectionSpec.AzureEndpointVariable) is { } fromEnvironment)
        {
            if (ConfigNode.UrlProblem(fromEnvironment) is { } problem)
            {
                (node ?? section.Owner).Error($"{BackendSectionSpec.AzureEndpointVariable} must be an absolute http(s) URL; its value {problem}");
                return "";
            }

            endpoint = fromEnvironment.Trim().TrimEnd('/');
        }

        if (!string.IsNullOrEmpty(endpoint))
        {
            return endpoint;
        }

        var lacking = deployments.Values.Where(d => d.Endpoint is null).Select(d => d.Name).ToList();
        if (deployments.Count > 0 && lacking.Count == 0)
        {
            return "";
        }

        var path = section.Owner.Path;
        var why = node?.Expand("a URL") is { Unset.Count: > 0 } expansion
            ? ConfigNode.BecauseUnset(expansion.Unset)
            : "no endpoint is set";
        var gap = lacking.Count > 0
            ? $", and deployments {string.Join(", ", lacking)} have no endpoint of their own"
            : "";
        var fix = deployments.Count == 0 ? " (or give every deployment its own endpoint)" : "";
        (node ?? section.Owner).Error($"{why}{gap}; set {ConfigPath.Append(path, "endpoint")} or {BackendSectionSpec.AzureEndpointVariable}{fix}");
        return "";
    }

    private static OrderedDictionary<string, AzureDeployment> ReadDeployments(ConfigNode? node)
    {
        var deployments = new OrderedDictionary<string, AzureDeployment>(StringComparer.Ordinal);
        if (node is null)
        {
            return deployments;
        }

        foreach (var (name, _, value) in node.Entries("a mapping of entry name: {deployment, model, endpoint, api_key}"))
        {
            var entry = value.Mapping(DeploymentKeys);
            string? deployment = null;
            if (entry.Get("deployment") is not { } deploymentNode)
            {
                value.Error("missing 'deployment' (the Azure deployment id that goes into the URL)");
            }
            else
            {
                deployment = deploymentNode.RequiredText("an Azure deployment id");
            }

            deployments[name] = new AzureDeployment
            {
                Name = name,
                Deployment = deployment ?? "",
                Model = entry.Get("model")?.Text(),
                Endpoint = entry.Get("endpoint")?.Url(),
                ApiKey = entry.Get("api_key")?.Text("an API key"),
            };
        }

        return deployments;
    }
}
