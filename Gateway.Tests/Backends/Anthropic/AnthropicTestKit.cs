using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Backends.Anthropic;
using Gateway.Configuration;
using Gateway.Routing;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Backends.Anthropic;

/// <summary>Builds requests, candidates and canned upstream answers for the Anthropic adapter's tests.</summary>
internal static class AnthropicTestKit
{
    public const string ApiKey = "sk-ant-api03-test-secret";
    public const string Model = "claude-sonnet-4-20250514";

    /// <summary>2025-01-02T03:04:05Z, the clock every test runs at.</summary>
    public static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    public static AnthropicProtocol Protocol(ListLogger<AnthropicProtocol>? logger = null) => new(Clock(), logger);

    public static Candidate Candidate(string endpoint = "https://api.anthropic.com") => new()
    {
        Backend = new BackendConfig { Name = BackendNames.Anthropic, Kind = BackendKind.Anthropic, BaseUrl = endpoint, ApiKey = ApiKey },
        Model = Model,
        Endpoint = endpoint,
        ApiKey = ApiKey,
        Reason = "primary",
    };

    /// <summary>A parsed OpenAI request; <c>stream</c> and <c>stream_options.include_usage</c> are read from the JSON as the endpoint would.</summary>
    public static ChatRequest Request(string json, double? defaultTemperature = null, int? defaultMaxTokens = null)
    {
        var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var includeUsage = root.TryGetProperty("stream_options", out var options)
            && options.TryGetProperty("include_usage", out var usage) && usage.ValueKind == JsonValueKind.True;
        var model = root.TryGetProperty("model", out var m) ? m.GetString()! : "anthropic:generator";
        return new ChatRequest(document, model, stream, includeUsage) { DefaultTemperature = defaultTemperature, DefaultMaxTokens = defaultMaxTokens };
    }

    /// <summary>The Anthropic body the adapter sends for <paramref name="openAiJson"/>.</summary>
    public static JsonElement Translate(string openAiJson, double? defaultTemperature = null, int? defaultMaxTokens = null)
    {
        using var request = Request(openAiJson, defaultTemperature, defaultMaxTokens);
        using var message = Protocol().CreateChatRequest(request, Candidate());
        using var body = message.Content!.ReadAsStream();
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>A user message followed by <paramref name="extra"/> top-level fields (a leading comma included).</summary>
    public static string Chat(string extra = "") =>
        $$"""{"model":"anthropic:generator","messages":[{"role":"user","content":"Hi"}]{{extra}}}""";

    public static HttpResponseMessage Response(HttpStatusCode status, string body, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    /// <summary>
    /// Feeds <paramref name="sse"/> to the stream reader and collects the chunks the client would get: those with data, and failures
    /// (usage reports that are only counted are left out; <see cref="ReadEveryChunkAsync"/> keeps them).
    /// </summary>
    public static async Task<List<ChatChunk>> ReadStreamAsync(string sse, bool includeUsage = false, ListLogger<AnthropicProtocol>? logger = null) =>
        [.. (await ReadEveryChunkAsync(sse, includeUsage, logger)).Where(c => c.Failure is not null || !c.Data.IsEmpty)];

    /// <summary>Feeds <paramref name="sse"/> to the stream reader and collects every chunk it yields.</summary>
    public static async Task<List<ChatChunk>> ReadEveryChunkAsync(string sse, bool includeUsage = false, ListLogger<AnthropicProtocol>? logger = null)
    {
        var json = includeUsage ? Chat(""","stream":true,"stream_options":{"include_usage":true}""") : Chat(""","stream":true""");
        using var request = Request(json);
        using var response = Response(HttpStatusCode.OK, sse, "text/event-stream");
        var chunks = new List<ChatChunk>();
        await foreach (var chunk in Protocol(logger).ReadChatStreamAsync(response, request, Candidate(), CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>A streamed body the test writes to piece by piece, to prove chunks come out before the body ends.</summary>
    public static (HttpResponseMessage Response, PipeWriter Writer) PipedResponse()
    {
        var pipe = new Pipe();
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) };
        return (response, pipe.Writer);
    }

    public static JsonElement Json(ChatChunk chunk)
    {
        using var document = JsonDocument.Parse(chunk.Data);
        return document.RootElement.Clone();
    }

    public static JsonElement Json(ReadOnlyMemory<byte> data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.Clone();
    }

    /// <summary>The first choice's delta of a chunk.</summary>
    public static JsonElement Delta(ChatChunk chunk) => Json(chunk).GetProperty("choices")[0].GetProperty("delta");
}
