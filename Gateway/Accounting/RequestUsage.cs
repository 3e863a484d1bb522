using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Dispatch;

namespace Gateway.Accounting;

/// <summary>
/// What one request used and cost. Tokens come from the upstream's usage report; when it sent none they are estimated (four
/// bytes per token, <see cref="TokenEstimator"/>) and <see cref="Estimated"/> says so. <see cref="CostUsd"/> is null when the model has no price.
/// </summary>
internal readonly record struct RequestUsage(long PromptTokens, long CompletionTokens, bool Estimated, decimal? CostUsd)
{
    public static RequestUsage None => new(0, 0, false, 0m);

    /// <summary>
    /// The usage of <paramref name="record"/>'s answer. <paramref name="requestBytes"/> (the body the client sent) and
    /// <paramref name="answerCharacters"/> (generated text passed to the client) feed the estimate when no usage was reported.
    /// </summary>
    public static RequestUsage Of(DispatchRecord record, long requestBytes, long answerCharacters, IReadOnlyDictionary<string, ModelPrice> pricing)
    {
        if (record.ServedBy is not { } served)
        {
            return None;
        }

        var (prompt, completion, estimated) = record.Usage is Usage reported
            ? (reported.PromptTokens, reported.CompletionTokens, false)
            : (Estimate(requestBytes), record.Operation == "embeddings" ? 0 : Estimate(answerCharacters), true);
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

    private static long Estimate(long bytes) => TokenEstimator.FromBytes(bytes);
}
