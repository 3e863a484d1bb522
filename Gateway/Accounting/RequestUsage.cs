using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Exchange;

namespace Gateway.Accounting;

/// <summary>
/// What one request used and cost. Tokens come from the upstream's usage report; when it sent none (or one of zero tokens) they are estimated by
/// <see cref="TokenEstimator"/> (four characters per token: the request body for input, the generated text the adapters decoded for
/// output) and <see cref="Estimated"/> says so. <see cref="CostUsd"/> is null when the model has no price.
/// </summary>
internal readonly record struct RequestUsage(long PromptTokens, long CompletionTokens, bool Estimated, decimal? CostUsd)
{
    public static RequestUsage None => new(0, 0, false, 0m);

    /// <summary>
    /// The usage of <paramref name="record"/>'s answer. When no usage was reported, <paramref name="requestBytes"/> (the body the client
    /// sent) and the record's <see cref="DispatchRecord.GeneratedCharacters"/> feed the estimate.
    /// </summary>
    public static RequestUsage Of(DispatchRecord record, long requestBytes, IReadOnlyDictionary<string, ModelPrice> pricing)
    {
        if (record.ServedBy is not { } served)
        {
            return None;
        }

        // A report of no tokens at all (LM Studio's embeddings) says nothing: the request had a body, so it is estimated.
        var (prompt, completion, estimated) = record.Usage is Usage { TotalTokens: > 0 } reported
            ? (reported.PromptTokens, reported.CompletionTokens, false)
            : (TokenEstimator.FromBytes(requestBytes), record.Operation == "embeddings" ? 0 : TokenEstimator.FromCharacters(record.GeneratedCharacters), true);
        return new RequestUsage(prompt, completion, estimated, Cost(served.Backend.Kind, served.Model, prompt, completion, pricing));
    }

    /// <summary>The price of <paramref name="prompt"/> and <paramref name="completion"/> tokens of <paramref name="model"/>; free on local backends.</summary>
    public static decimal? Cost(BackendKind kind, string model, long prompt, long completion, IReadOnlyDictionary<string, ModelPrice> pricing)
    {
        if (!PricingSectionReader.IsPaid(kind))
        {
            return 0m;
        }

        return pricing.TryGetValue(model, out var price)
            ? ((prompt * price.InputPerMillion) + (completion * price.OutputPerMillion)) / 1_000_000m
            : null;
    }
}
