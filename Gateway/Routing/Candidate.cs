using Gateway.Configuration;
using Gateway.Resilience;

namespace Gateway.Routing;

/// <summary>One concrete attempt target of a plan: which backend, model key, model and endpoint.</summary>
internal sealed record Candidate
{
    public required BackendConfig Backend { get; init; }

    /// <summary>The model key (role) this candidate serves, when the request named or implied one.</summary>
    public string? ModelKey { get; init; }

    /// <summary>The concrete model name sent upstream (for Azure, the model the deployment serves, if known, else the deployment).</summary>
    public required string Model { get; init; }

    /// <summary>
    /// <see cref="Model"/> as metrics and the usage ledger name it: the configured model, or <c>other</c> for one the config does not
    /// name (<see cref="ModelCatalog.Label"/>). Spans and logs keep <see cref="Model"/>.
    /// </summary>
    public string ModelLabel => ModelCatalog.Label(Backend, Model);

    /// <summary>Base URL of the endpoint to call, without a trailing slash (Azure: the resource endpoint).</summary>
    public required string Endpoint { get; init; }

    /// <summary>The key to authenticate with (Azure deployments may carry their own); null when none is configured.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Azure only: the deployment id that goes into the URL.</summary>
    public string? Deployment { get; init; }

    /// <summary>The configured context window of <see cref="Model"/> on this backend, if any.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Why this candidate is in the plan: <c>primary</c>, <c>endpoint 2 of 3</c>, <c>fallback 'openai'</c>, ...</summary>
    public required string Reason { get; init; }

    /// <summary>Name of the endpoint pool this candidate was drawn from (for cooldown bookkeeping), e.g. <c>ollama:overseer</c>.</summary>
    public string? PoolKey { get; init; }

    /// <summary>
    /// The limits an attempt on this candidate runs under (backend over <c>global_defaults</c> over built-in defaults); a tool's own
    /// settings are applied on top by the dispatcher.
    /// </summary>
    public AttemptLimits Limits
    {
        get => field ??= AttemptLimits.Resolve(Backend.Resilience);
        init;
    }

    /// <summary>When this candidate's endpoint cools down: <c>llm.resilience</c> of the config the request started with.</summary>
    public CooldownSettings Cooldown { get; init; } = CooldownSettings.Default;

    /// <summary>The endpoint, for its live state (health and cooldown).</summary>
    public EndpointId EndpointId => new(Backend.Name, Endpoint, Deployment);
}
