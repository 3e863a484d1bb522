using System.Text.Json;
using Gateway.Backends;

namespace Gateway.Surfaces;

/// <summary>
/// The token counts of an OpenAI <c>usage</c> object, details included, for surfaces that say them in their own terms.
/// <see cref="PromptTokens"/> includes the cached part, as OpenAI counts it.
/// </summary>
/// <param name="CachedTokens"><c>prompt_tokens_details.cached_tokens</c>, when the upstream reported it.</param>
/// <param name="ReasoningTokens"><c>completion_tokens_details.reasoning_tokens</c>, when the upstream reported it.</param>
internal readonly record struct ReportedUsage(int PromptTokens, int CompletionTokens, int? CachedTokens = null, int? ReasoningTokens = null)
{
    public static ReportedUsage From(Usage usage) => new(usage.PromptTokens, usage.CompletionTokens);

    /// <summary>
    /// The estimate for an answer the upstream reported no usage for: <paramref name="inputEstimate"/> in, and what
    /// <paramref name="generatedCharacters"/> of generated text come to out.
    /// </summary>
    public static ReportedUsage Estimated(int inputEstimate, long generatedCharacters) => new(inputEstimate, EstimateOutput(generatedCharacters));

    /// <summary>The estimate for a request body of <paramref name="bytes"/> bytes, at least 1 (a prompt is never empty).</summary>
    public static int EstimateInput(long? bytes) => (int)Math.Clamp(TokenEstimator.FromBytes(bytes ?? 0), 1, int.MaxValue);

    /// <summary>The estimate for <paramref name="characters"/> characters of generated text.</summary>
    public static int EstimateOutput(long characters) => (int)Math.Min(int.MaxValue, TokenEstimator.FromCharacters(characters));

    /// <summary>The counts of <paramref name="usage"/>; null when it is not an object.</summary>
    public static ReportedUsage? Read(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new ReportedUsage(
            Count(usage, "prompt_tokens") ?? 0,
            Count(usage, "completion_tokens") ?? 0,
            Detail(usage, "prompt_tokens_details", "cached_tokens"),
            Detail(usage, "completion_tokens_details", "reasoning_tokens"));
    }

    private static int? Detail(JsonElement usage, string details, string property) =>
        usage.TryGetProperty(details, out var holder) && holder.ValueKind == JsonValueKind.Object ? Count(holder, property) : null;

    private static int? Count(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) ? count : null;
}
