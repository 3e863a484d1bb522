using System.Text.Json;

namespace Gateway.Backends.Anthropic;

/// <summary>Anthropic's token counts. Its input is split three ways; OpenAI's <c>prompt_tokens</c> is their sum.</summary>
internal readonly record struct AnthropicUsage(int InputTokens, int CacheCreationInputTokens, int CacheReadInputTokens, int OutputTokens)
{
    public static AnthropicUsage Read(JsonElement usage) => default(AnthropicUsage).With(usage);

    /// <summary>
    /// These counts with those present in <paramref name="usage"/> replacing them. A stream's <c>message_delta</c> counts are
    /// cumulative, so the latest value replaces the earlier one rather than adding to it.
    /// </summary>
    public AnthropicUsage With(JsonElement usage) => usage.ValueKind != JsonValueKind.Object ? this : new(
        Count(usage, "input_tokens", InputTokens),
        Count(usage, "cache_creation_input_tokens", CacheCreationInputTokens),
        Count(usage, "cache_read_input_tokens", CacheReadInputTokens),
        Count(usage, "output_tokens", OutputTokens));

    public Usage ToOpenAi() => new(InputTokens + CacheCreationInputTokens + CacheReadInputTokens, OutputTokens);

    private static int Count(JsonElement usage, string property, int current) =>
        usage.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) ? count : current;
}
