using System.Text.Json;
using Gateway.Backends;

namespace Gateway.Surfaces.Anthropic;

/// <summary>
/// Token counts in Anthropic's terms. OpenAI's <c>prompt_tokens</c> includes the cached part while Anthropic reports it apart
/// (clients add <c>input_tokens</c> and <c>cache_read_input_tokens</c> up), so the cached tokens move out of <see cref="InputTokens"/>.
/// </summary>
/// <param name="CacheReadInputTokens">OpenAI's <c>prompt_tokens_details.cached_tokens</c>, when the upstream reported it.</param>
internal readonly record struct MessageUsage(int InputTokens, int OutputTokens, int? CacheReadInputTokens = null)
{
    public static MessageUsage From(Usage usage) => new(usage.PromptTokens, usage.CompletionTokens);

    /// <summary>OpenAI's counts in Anthropic's terms: the cached tokens move out of the input.</summary>
    public static MessageUsage From(ReportedUsage usage) =>
        new(Math.Max(0, usage.PromptTokens - (usage.CachedTokens ?? 0)), usage.CompletionTokens, usage.CachedTokens);

    /// <summary>The <c>input_tokens</c>, <c>cache_read_input_tokens</c> (when known) and <c>output_tokens</c> properties.</summary>
    public void WriteCounts(Utf8JsonWriter json)
    {
        json.WriteNumber("input_tokens", InputTokens);
        if (CacheReadInputTokens is { } cached)
        {
            json.WriteNumber("cache_read_input_tokens", cached);
        }

        json.WriteNumber("output_tokens", OutputTokens);
    }
}
