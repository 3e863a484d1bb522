using Gateway.Configuration;
using Gateway.Redaction;

namespace Gateway.Doctor;

/// <summary>
/// One endpoint a backend may be called at, with the key it is called with there, where the config puts it in use, and what it is
/// expected to serve. Two keys at one URL (Azure deployments with their own key) are two targets.
/// </summary>
internal sealed record EndpointTarget
{
    public required BackendConfig Backend { get; init; }

    /// <summary>The base URL, without a trailing slash.</summary>
    public required string Url { get; init; }

    /// <summary>The key sent here; null when none is configured.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The config keys that make the gateway call this URL: <c>llm.ollama.base_url</c>, <c>llm.ollama.endpoints.coder</c>.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    /// <summary>Where the key used here is set when it is not the backend's own (<c>llm.azure.deployments.us_east.api_key</c>).</summary>
    public string? KeySource { get; init; }

    /// <summary>The models this endpoint is expected to serve, in config order.</summary>
    public IReadOnlyList<ExpectedModel> Models { get; init; } = [];

    /// <summary>Azure: the deployments called here, as <c>gpt4o-prod (generator)</c>.</summary>
    public IReadOnlyList<string> Deployments { get; init; } = [];

    /// <summary>The URL as printed: any user-info replaced by the mask, so a password written into it never shows.</summary>
    public string DisplayUrl => UrlUserInfo.Mask(Url);

    /// <summary><c>llm.ollama.base_url</c>, or <c>llm.ollama.base_url / llm.ollama.endpoints.coder</c> when several put it in use.</summary>
    public string SourceText => string.Join(" / ", Sources);

    /// <summary>The env var or config key that supplies the key checked here, for "check ..." advice.</summary>
    public string KeyText
    {
        get
        {
            if (KeySource is not null)
            {
                return KeySource;
            }

            var variable = BackendSectionSpec.For(Backend.Kind).KeyVariable;
            return variable is null ? $"llm.{Backend.Name}.api_key" : $"{variable} or llm.{Backend.Name}.api_key";
        }
    }
}
