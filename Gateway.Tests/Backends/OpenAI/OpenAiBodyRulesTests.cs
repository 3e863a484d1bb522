using System.Text.Json;
using Gateway.Backends;
using Gateway.Backends.Azure;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Gateway.Tests.Backends.Azure;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Backends.WireTestKit;

namespace Gateway.Tests.Backends.OpenAI;

/// <summary>
/// Where the gateway changes an OpenAI-style body on its way upstream: the token limit goes under the name each backend reads, and a
/// stream always asks for usage so the gateway can count tokens; the usage chunk then reaches the client only if it asked.
/// </summary>
public sealed class OpenAiBodyRulesTests
{
    private const string Messages = "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

    private readonly OpenAiCompatibleProtocol _openAi = new(TimeProvider.System);
    private readonly AzureOpenAiProtocol _azure = new(new FakeTimeProvider());

    [Theory]
    [InlineData("openai")]
    [InlineData("lmstudio")]
    public async Task CreateChatRequest_StreamWithoutIncludeUsage_AsksUpstreamForUsage(string backend)
    {
        Assert.True(BackendNames.TryGetKind(backend, out var kind));
        var sent = await SentAsync(kind, $$"""{"model":"m","stream":true,{{Messages}}}""");

        Assert.True(sent.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task CreateChatRequest_StreamOptionsWithOtherMembers_KeptInPlaceWithIncludeUsageAdded()
    {
        var sent = await SentAsync(BackendKind.OpenAI, $$"""{"model":"m","stream":true,"stream_options":{"include_obfuscation":false,"include_usage":false},{{Messages}}}""");

        Assert.Equal(["model", "stream", "stream_options", "messages"], PropertyNames(sent));
        Assert.Equal("""{"include_obfuscation":false,"include_usage":true}""", sent.GetProperty("stream_options").GetRawText());
    }

    [Fact]
    public async Task CreateChatRequest_ExplicitNullStreamOptions_ReplacedByOneWithUsage()
    {
        using var request = new ChatRequest(JsonDocument.Parse($$"""{"model":"m","stream":true,"stream_options":null,{{Messages}}}"""), "m", stream: true, includeUsage: false);
        using var message = _openAi.CreateChatRequest(request, Candidate(Backend(BackendKind.OpenAI), "gpt-4o", "http://127.0.0.1:1/v1", apiKey: "k"));
        using var body = await BodyAsync(message);
        var sent = body.RootElement;

        Assert.Equal("""{"include_usage":true}""", sent.GetProperty("stream_options").GetRawText());
        Assert.Single(sent.EnumerateObject(), p => p.Name == "stream_options");
    }

    [Fact]
    public async Task CreateChatRequest_NotStreaming_NoStreamOptionsAdded()
    {
        var sent = await SentAsync(BackendKind.OpenAI, $$"""{"model":"m",{{Messages}}}""");

        Assert.False(sent.TryGetProperty("stream_options", out _));
    }

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("max_completion_tokens")]
    public async Task CreateChatRequest_LmStudioEitherLimitField_SentAsMaxTokens(string field)
    {
        var sent = await SentAsync(BackendKind.LMStudio, $$"""{"model":"m","{{field}}":7,{{Messages}}}""");

        Assert.Equal(7, sent.GetProperty("max_tokens").GetInt32());
        Assert.False(sent.TryGetProperty("max_completion_tokens", out _));
    }

    [Fact]
    public async Task CreateChatRequest_LmStudioBothLimitFields_OneMaxTokensWithTheCompletionLimit()
    {
        var sent = await SentAsync(BackendKind.LMStudio, $$"""{"model":"m","max_tokens":50,"max_completion_tokens":9,{{Messages}}}""");

        Assert.Equal(9, sent.GetProperty("max_tokens").GetInt32());
        Assert.False(sent.TryGetProperty("max_completion_tokens", out _));
    }

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("max_completion_tokens")]
    public async Task CreateChatRequest_OpenAiLimitField_PassesThroughAsSent(string field)
    {
        var sent = await SentAsync(BackendKind.OpenAI, $$"""{"model":"m","{{field}}":7,{{Messages}}}""", model: "gpt-4o");

        Assert.Equal(7, sent.GetProperty(field).GetInt32());
        Assert.Single(sent.EnumerateObject(), p => p.Name is "max_tokens" or "max_completion_tokens");
    }

    [Fact]
    public async Task CreateChatRequest_ReasoningModelGivenMaxTokens_SentAsMaxCompletionTokens()
    {
        var sent = await SentAsync(BackendKind.OpenAI, $$"""{"model":"m","max_tokens":7,{{Messages}}}""", model: "o3-mini");

        Assert.Equal(7, sent.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(sent.TryGetProperty("max_tokens", out _));
    }

    [Fact]
    public async Task CreateChatRequest_AzureGivenMaxCompletionTokens_SentAsMaxTokensForEveryApiVersion()
    {
        var sent = await SentAzureAsync($$"""{"model":"m","max_completion_tokens":7,{{Messages}}}""", "2024-02-15-preview");

        Assert.Equal(7, sent.GetProperty("max_tokens").GetInt32());
        Assert.False(sent.TryGetProperty("max_completion_tokens", out _));
    }

    [Theory]
    [InlineData("2024-02-15-preview", false)]
    [InlineData("2024-06-01", false)]
    [InlineData("2024-09-01-preview", true)]
    [InlineData("2024-10-21", true)]
    [InlineData("2025-04-01-preview", true)]
    [InlineData("preview", true)]
    [InlineData(null, true)]
    public async Task CreateChatRequest_AzureStream_AsksForUsageOnlyWhereTheApiVersionKnowsStreamOptions(string? apiVersion, bool asks)
    {
        var sent = await SentAzureAsync($$"""{"model":"m","stream":true,{{Messages}}}""", apiVersion);

        Assert.Equal(asks, sent.TryGetProperty("stream_options", out _));
    }

    [Fact]
    public async Task ReadChatStream_UsageChunkClientDidNotAskFor_CountedButNotForwarded()
    {
        using var request = Chat($$"""{"model":"m","stream":true,{{Messages}}}""");
        using var response = Answer(OpenAiFixtures.TextStreamCapture, "text/event-stream");

        var chunks = await CollectAsync(_openAi.ReadChatStreamAsync(response, request, Candidate(Backend(BackendKind.OpenAI), "gpt-4o", "http://127.0.0.1:1/v1"), CancellationToken.None));

        var last = chunks[^1];
        Assert.True(last.Data.IsEmpty);
        Assert.Null(last.Failure);
        Assert.Equal(new Usage(14, 30), last.Usage);
        Assert.All(chunks[..^1], c => Assert.DoesNotContain("\"usage\"", Text(c.Data), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadChatStream_UsageChunkClientAskedFor_ForwardedAsSent()
    {
        using var request = Chat($$"""{"model":"m","stream":true,"stream_options":{"include_usage":true},{{Messages}}}""");
        using var response = Answer(OpenAiFixtures.TextStreamCapture, "text/event-stream");

        var chunks = await CollectAsync(_openAi.ReadChatStreamAsync(response, request, Candidate(Backend(BackendKind.OpenAI), "gpt-4o", "http://127.0.0.1:1/v1"), CancellationToken.None));

        Assert.Equal(new Usage(14, 30), chunks[^1].Usage);
        using var json = Json(chunks[^1].Data);
        Assert.Equal(0, json.RootElement.GetProperty("choices").GetArrayLength());
    }

    [Fact]
    public async Task ReadChatStream_AzureUsageChunkClientDidNotAskFor_CountedButNotForwarded()
    {
        const string UsageEvent = """data: {"id":"chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY","object":"chat.completion.chunk","created":1692913344,"model":"gpt-35-turbo","choices":[],"usage":{"completion_tokens":3,"prompt_tokens":14,"total_tokens":17}}""";
        var stream = AzureFixtures.PassesFiltersStream.Replace("data: [DONE]", UsageEvent + "\n\ndata: [DONE]", StringComparison.Ordinal);
        using var request = Chat($$"""{"model":"m","stream":true,{{Messages}}}""");
        using var response = Answer(stream, "text/event-stream");
        var candidate = Candidate(Backend(BackendKind.Azure, apiVersion: "2024-10-21"), "gpt-35-turbo", "http://127.0.0.1:1", apiKey: "k", deployment: "d");

        var chunks = await CollectAsync(_azure.ReadChatStreamAsync(response, request, candidate, CancellationToken.None));

        Assert.True(chunks[^1].Data.IsEmpty);
        Assert.Equal(new Usage(14, 3), chunks[^1].Usage);
        Assert.All(chunks[..^1], c => Assert.False(c.Data.IsEmpty));
    }

    private async Task<JsonElement> SentAsync(BackendKind kind, string client, string model = "local-model")
    {
        using var request = Chat(client);
        using var message = _openAi.CreateChatRequest(request, Candidate(Backend(kind), model, "http://127.0.0.1:1/v1", apiKey: "k"));
        using var body = await BodyAsync(message);
        return body.RootElement.Clone();
    }

    private async Task<JsonElement> SentAzureAsync(string client, string? apiVersion)
    {
        using var request = Chat(client);
        var candidate = Candidate(Backend(BackendKind.Azure, apiVersion: apiVersion), "gpt-4o", "http://127.0.0.1:1", apiKey: "k", deployment: "d");
        using var message = _azure.CreateChatRequest(request, candidate);
        using var body = await BodyAsync(message);
        return body.RootElement.Clone();
    }
}
