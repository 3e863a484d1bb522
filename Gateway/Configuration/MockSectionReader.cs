using System.Globalization;

namespace Gateway.Configuration;

/// <summary>
/// Reads a mock section: the model maps every backend has, plus how the mock answers (<c>reply</c>, <c>latency_ms</c>,
/// <c>chunk_delay_ms</c>, <c>embedding_dimensions</c>) and which failures it injects (<c>fail_rate</c>, <c>fail_status</c>,
/// <c>fail_first_n</c>, <c>fail_on_text</c>).
/// </summary>
internal static class MockSectionReader
{
    private const int MaxDelayMs = 600_000;

    /// <summary>The keys only a mock section has, in the order messages list them.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["reply", "latency_ms", "chunk_delay_ms", "embedding_dimensions", "fail_rate", "fail_status", "fail_first_n", "fail_on_text"];

    /// <param name="baseUrl">The mock's pretend host; the section name is appended so each section shows its own endpoint.</param>
    public static BackendConfig Read(ConfigMapping section, string name, string baseUrl)
    {
        var endpoints = new OrderedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        return new BackendConfig
        {
            Name = name,
            Kind = BackendKind.Mock,
            BaseUrl = $"{baseUrl}/{name}",
            Models = ModelMapsReader.ReadModels(section.Get("models"), BackendKind.Mock, "", endpoints),
            ContextWindows = ModelMapsReader.ReadContextWindows(section.Get("context_windows")),
            MaxOutputTokens = ModelMapsReader.ReadMaxOutputTokens(section.Get("max_output_tokens")),
            EmbeddingModel = section.Get("embedding_model")?.Text(),
            Mock = new MockSettings
            {
                Reply = section.Get("reply")?.Text(),
                Latency = Milliseconds(section.Get("latency_ms")),
                ChunkDelay = Milliseconds(section.Get("chunk_delay_ms")),
                EmbeddingDimensions = WholeNumber(section.Get("embedding_dimensions"), 1, 4096) ?? MockSettings.DefaultEmbeddingDimensions,
                FailRate = section.Get("fail_rate")?.Number(0, 1) ?? 0,
                FailStatus = WholeNumber(section.Get("fail_status"), 400, 599) ?? MockSettings.DefaultFailStatus,
                FailFirstN = WholeNumber(section.Get("fail_first_n"), 0, int.MaxValue) ?? 0,
                FailOnText = section.Get("fail_on_text")?.Text(),
            },
        };
    }

    private static TimeSpan Milliseconds(ConfigNode? node) =>
        WholeNumber(node, 0, MaxDelayMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;

    /// <summary>A whole number within [min, max]; null (after an error) for anything else.</summary>
    private static int? WholeNumber(ConfigNode? node, int min, int max)
    {
        if (node is null)
        {
            return null;
        }

        var expected = max == int.MaxValue
            ? $"a whole number of at least {min}"
            : $"a whole number from {min} to {max.ToString(CultureInfo.InvariantCulture)}";
        if (node.Expand(expected) is not { } expansion)
        {
            return null;
        }

        if (int.TryParse(expansion.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        node.Error($"expected {expected}, found '{expansion.Value}'");
        return null;
    }
}
