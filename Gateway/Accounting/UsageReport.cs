using System.Text.Json.Serialization;

namespace Gateway.Accounting;

/// <summary>Totals of one bucket as <c>GET /usage</c> shows them.</summary>
/// <param name="Requests">Requests counted here (for backends and models: upstream attempts sent there).</param>
/// <param name="Failures">Of those, the ones that failed.</param>
/// <param name="PromptTokens">Input tokens of the answers.</param>
/// <param name="CompletionTokens">Output tokens of the answers.</param>
/// <param name="CostUsd">What the answers cost in US dollars, at the configured prices.</param>
/// <param name="EstimatedRequests">Answers whose tokens were estimated because the upstream reported no usage.</param>
/// <param name="UnpricedRequests">Answers of models without a price, whose cost is not in <paramref name="CostUsd"/>.</param>
internal sealed record UsageTotals(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("failures")] long Failures,
    [property: JsonPropertyName("prompt_tokens")] long PromptTokens,
    [property: JsonPropertyName("completion_tokens")] long CompletionTokens,
    [property: JsonPropertyName("cost_usd")] decimal CostUsd,
    [property: JsonPropertyName("estimated_requests")] long EstimatedRequests,
    [property: JsonPropertyName("unpriced_requests")] long UnpricedRequests);

/// <summary>The answer of <c>GET /usage</c>: totals since the gateway started, overall and by backend, model, model key and tool.</summary>
internal sealed record UsageReport(
    [property: JsonPropertyName("since")] DateTimeOffset Since,
    [property: JsonPropertyName("totals")] UsageTotals Totals,
    [property: JsonPropertyName("by_backend")] IReadOnlyDictionary<string, UsageTotals> ByBackend,
    [property: JsonPropertyName("by_model")] IReadOnlyDictionary<string, UsageTotals> ByModel,
    [property: JsonPropertyName("by_model_key")] IReadOnlyDictionary<string, UsageTotals> ByModelKey,
    [property: JsonPropertyName("by_tool")] IReadOnlyDictionary<string, UsageTotals> ByTool);
