using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary>Azure: the resource endpoint, its environment fallback, and deployments with their own endpoint and key.</summary>
public sealed class AzureSectionTests
{
    [Fact]
    public void Parse_NoEndpointAndNoDeployments_SaysWhatToSet()
    {
        Assert.Equal(
            "test.yaml:2:10: llm.azure: no endpoint is set; set llm.azure.endpoint or AZURE_OPENAI_ENDPOINT (or give every deployment its own endpoint)",
            ParseError("llm:\n  azure: {}\n"));
    }

    [Fact]
    public void Parse_EndpointVariableUnsetAndDeploymentsWithoutEndpoint_NamesThemAll()
    {
        const string yaml = """
            llm:
              azure:
                endpoint: "${AZURE_OPENAI_ENDPOINT}"
                deployments:
                  overseer: {deployment: "gpt-4"}
                  us_east: {deployment: "gpt-4-us", endpoint: "https://us-east.openai.azure.com"}
                  generator: {deployment: "gpt-4-code"}
            """;

        Assert.Equal(
            "test.yaml:3:15: llm.azure.endpoint: expands to an empty value because AZURE_OPENAI_ENDPOINT is not set, and deployments overseer, generator have no endpoint of their own; set llm.azure.endpoint or AZURE_OPENAI_ENDPOINT",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_EndpointOmitted_ComesFromTheEnvironmentWithoutTrailingSlash()
    {
        var azure = Parse("llm:\n  azure: {}\n", ("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com/")).Llm.Backends["azure"];

        Assert.Equal("https://res.openai.azure.com", azure.BaseUrl);
        Assert.Equal("2024-10-21", azure.ApiVersion);
    }

    [Fact]
    public void Parse_EndpointVariableNotAUrl_IsAnError()
    {
        Assert.Equal(
            "test.yaml:2:10: llm.azure: AZURE_OPENAI_ENDPOINT must be an absolute http(s) URL; its value has no http:// or https:// prefix",
            ParseError("llm:\n  azure: {}\n", ("AZURE_OPENAI_ENDPOINT", "res.openai.azure.com")));
    }

    [Fact]
    public void Parse_EveryDeploymentWithItsOwnEndpoint_AllowsAnEmptyResourceEndpoint()
    {
        const string yaml = """
            llm:
              azure:
                api_key: "${AZURE_OPENAI_API_KEY}"
                deployments:
                  us_east:
                    deployment: "gpt-4-us-east"
                    model: "gpt-4"
                    endpoint: "https://us-east.openai.azure.com/"
                  eu_west:
                    deployment: "gpt-4-eu-west"
                    endpoint: "https://eu-west.openai.azure.com"
                    api_key: "${EU_KEY}"
            """;

        var azure = Parse(yaml, ("AZURE_OPENAI_API_KEY", "main-key"), ("EU_KEY", "eu-key")).Llm.Backends["azure"];

        Assert.Equal("", azure.BaseUrl);
        Assert.Equal("main-key", azure.ApiKey);
        Assert.Equal("https://us-east.openai.azure.com", azure.Deployments["us_east"].Endpoint);
        Assert.Equal("gpt-4", azure.Deployments["us_east"].Model);
        Assert.Null(azure.Deployments["us_east"].ApiKey);
        Assert.Equal("eu-key", azure.Deployments["eu_west"].ApiKey);
        Assert.Null(azure.Deployments["eu_west"].Model);
    }

    [Fact]
    public void Parse_DeploymentWithoutDeploymentId_IsAnError()
    {
        const string yaml = """
            llm:
              azure:
                endpoint: "https://res.openai.azure.com"
                deployments:
                  generator:
                    model: "gpt-4"
            """;

        Assert.Equal(
            "test.yaml:6:9: llm.azure.deployments.generator: missing 'deployment' (the Azure deployment id that goes into the URL)",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_AzureBaseUrlKey_IsUnknownBecauseAzureUsesEndpoint()
    {
        var message = ParseError("llm:\n  azure:\n    base_url: \"https://res.openai.azure.com\"\n");

        Assert.StartsWith(
            "test.yaml:3:5: llm.azure: unknown key 'base_url'; valid keys: endpoint, api_key, deployment_name, api_version, deployments, models, context_windows, max_output_tokens, embedding_model",
            message,
            StringComparison.Ordinal);
    }
}
