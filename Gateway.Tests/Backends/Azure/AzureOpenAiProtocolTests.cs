using System.Net;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Backends.Azure;
using Gateway.Configuration;
using Gateway.Resilience;
using Gateway.Routing;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Backends.WireTestKit;

namespace Gateway.Tests.Backends.Azure;

public sealed class AzureOpenAiProtocolTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly AzureOpenAiProtocol _protocol = new(new FakeTimeProvider(Now));
    private readonly Candidate _generator = Candidate(
        Backend(BackendKind.Azure, apiVersion: "2024-10-21"), "gpt-4", "https://aoairesource.openai.azure.com", apiKey: "azure-key", deployment: "gpt-4-code");

    [Fact]
    public async Task CreateChatRequest_PostsToTheDeploymentWithApiVersionApiKeyAndNoModel()
    {
        using var request = Chat("""
            {"model":"azure/generator","messages":[{"role":"system","content":"you are a helpful assistant that talks like a pirate"},{"role":"user","content":"can you tell me how to care for a parrot?"}],"data_sources":[{"type":"azure_search"}]}
            """, defaultMaxTokens: 800);

        using var message = _protocol.CreateChatRequest(request, _generator);

        Assert.Equal("https://aoairesource.openai.azure.com/openai/deployments/gpt-4-code/chat/completions?api-version=2024-10-21", message.RequestUri!.ToString());
        Assert.Equal("azure-key", Header(message, "api-key"));
        Assert.Null(message.Headers.Authorization);
        Assert.Equal("application/json", Header(message, "Accept"));
        using var body = await BodyAsync(message);
        Assert.Equal(["messages", "data_sources", "max_tokens"], PropertyNames(body.RootElement));
        Assert.Equal(800, body.RootElement.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task CreateChatRequest_ReasoningDeployment_DefaultGoesToMaxCompletionTokensWithoutTemperature()
    {
        var o3 = _generator with { Model = "o3-mini", Deployment = "o3-mini-eu" };
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]}""", defaultTemperature: 0.7, defaultMaxTokens: 1000);

        using var message = _protocol.CreateChatRequest(request, o3);

        Assert.Equal("text/event-stream", Header(message, "Accept"));
        using var body = await BodyAsync(message);
        Assert.Equal(["stream", "messages", "max_completion_tokens", "stream_options"], PropertyNames(body.RootElement));
        Assert.True(body.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public void CreateChatRequest_NoApiVersionConfigured_UsesTheLatestGaVersion()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hi"}]}""");

        using var message = _protocol.CreateChatRequest(request, _generator with { Backend = Backend(BackendKind.Azure) });

        Assert.EndsWith("/chat/completions?api-version=2024-10-21", message.RequestUri!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEmbeddingsRequest_PostsToTheDeploymentsEmbeddingsWithoutModel()
    {
        using var request = Embeddings("""{"input":["this is a test"],"model":"embedder","encoding_format":"base64"}""");
        var candidate = _generator with { Model = "text-embedding-ada-002", Deployment = "ada" };

        using var message = _protocol.CreateEmbeddingsRequest(request, candidate)!;

        Assert.Equal("https://aoairesource.openai.azure.com/openai/deployments/ada/embeddings?api-version=2024-10-21", message.RequestUri!.ToString());
        Assert.Equal("azure-key", Header(message, "api-key"));
        using var body = await BodyAsync(message);
        Assert.Equal(["input", "encoding_format"], PropertyNames(body.RootElement));
    }

    [Fact]
    public void CreateReadinessProbe_ListsModelsWithApiVersionAndApiKey()
    {
        using var probe = _protocol.CreateReadinessProbe(Backend(BackendKind.Azure, apiVersion: "2024-10-21"), "https://eu-west.openai.azure.com/", "probe-key");

        Assert.Equal(HttpMethod.Get, probe.Method);
        Assert.Equal("https://eu-west.openai.azure.com/openai/models?api-version=2024-10-21", probe.RequestUri!.ToString());
        Assert.Equal("probe-key", Header(probe, "api-key"));
        Assert.Null(probe.Headers.Authorization);
    }

    [Fact]
    public async Task ReadChatCompletion_SpecExample_PassesThroughWithUsageAndFinishReason()
    {
        using var example = JsonDocument.Parse(AzureFixtures.ChatCompletionsExample);
        var wire = example.RootElement.GetProperty("responses").GetProperty("200").GetProperty("body").GetRawText();
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"parrot?"}]}""");
        using var response = Answer(wire);

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _generator, CancellationToken.None);

        Assert.Equal(wire, Text(outcome.Value!.Json));
        Assert.Equal(new Usage(33, 557), outcome.Value.Usage);
        Assert.Equal("stop", outcome.Value.FinishReason);
        Assert.Null(outcome.Value.Model);
    }

    [Fact]
    public async Task ReadChatStream_PassesFiltersSample_DropsEveryAnnotationChunkAndKeepsTheRestUnchanged()
    {
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Colors?"}]}""");
        using var response = Answer(AzureFixtures.PassesFiltersStream, "text/event-stream");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _generator, CancellationToken.None));

        var expected = DataLines(AzureFixtures.PassesFiltersStream).Where(d => !d.StartsWith("{\"id\":\"\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, chunks.Select(c => Text(c.Data)));
        Assert.All(chunks, c => Assert.Null(c.Failure));
    }

    [Fact]
    public async Task ReadChatStream_BlockedSample_EndsWithAContentFilterFinishChunkUnderTheStreamsIdentity()
    {
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Lyrics?"}]}""");
        using var response = Answer(AzureFixtures.BlockedStream, "text/event-stream");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _generator, CancellationToken.None));

        Assert.Equal(["", "Hey", " Jude", ",", " better", null], chunks.Select(ContentOf));
        using var finish = Json(chunks[^1].Data);
        var root = finish.RootElement;
        Assert.Equal("chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2", root.GetProperty("id").GetString());
        Assert.Equal("chat.completion.chunk", root.GetProperty("object").GetString());
        Assert.Equal(1699587397, root.GetProperty("created").GetInt64());
        Assert.Equal("gpt-35-turbo", root.GetProperty("model").GetString());
        var choice = Assert.Single(root.GetProperty("choices").EnumerateArray());
        Assert.Equal("content_filter", choice.GetProperty("finish_reason").GetString());
        Assert.Empty(choice.GetProperty("delta").EnumerateObject());
    }

    [Fact]
    public async Task ReadChatStream_BlockedBeforeAnyRealChunk_FinishChunkGetsAFreshIdNowAndTheCandidatesModel()
    {
        // [constructed] from the blocked sample: the prompt annotation, then at once the annotation that ends the answer.
        var lines = DataLines(AzureFixtures.BlockedStream);
        var sse = $"data: {lines[0]}\n\ndata: {lines[^1]}\n\ndata: [DONE]\n\n";
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Lyrics?"}]}""");
        using var response = Answer(sse, "text/event-stream");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _generator, CancellationToken.None));

        using var finish = Json(Assert.Single(chunks).Data);
        Assert.StartsWith("chatcmpl-", finish.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(Now.ToUnixTimeSeconds(), finish.RootElement.GetProperty("created").GetInt64());
        Assert.Equal("gpt-4", finish.RootElement.GetProperty("model").GetString());
        Assert.Equal("content_filter", finish.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task ReadChatStream_EndsBeforeDone_YieldsProtocolFailure()
    {
        var lines = DataLines(AzureFixtures.PassesFiltersStream);
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer($"data: {lines[0]}\n\ndata: {lines[1]}\n\n", "text/event-stream");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _generator, CancellationToken.None));

        Assert.Equal(2, chunks.Count);
        Assert.Equal("stream ended before [DONE]", chunks[1].Failure!.Message);
    }

    [Fact]
    public async Task ReadFailure_PromptContentFilter400_CodeContentFilterWithMessageAndFilteredCategories()
    {
        using var response = Answer(AzureFixtures.ContentFilterError, status: HttpStatusCode.BadRequest);

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(400, failure.StatusCode);
        Assert.Equal("content_filter", failure.Code);
        Assert.StartsWith("The response was filtered due to the prompt triggering Azure OpenAI's content management policy.", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("(filtered: self_harm (medium))", failure.Message, StringComparison.Ordinal);
        Assert.True(failure.IsClientError);
    }

    [Fact]
    public async Task ReadFailure_RateLimit429_AzureStringCodeAndRetryAfter()
    {
        using var response = Answer("""{"error":{"code":"429","message": "Rate limit is exceeded. Try again in 2 seconds."}}""", "application/json", HttpStatusCode.TooManyRequests);
        response.Headers.Add("Retry-After", "2");
        response.Headers.Add("x-ms-region", "North Central US");

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal("Rate limit is exceeded. Try again in 2 seconds.", failure.Message);
        Assert.Equal("429", failure.Code);
        Assert.Equal(TimeSpan.FromSeconds(2), failure.RetryAfter);
        Assert.True(FailureClass.IsTransient(failure));
    }

    [Fact]
    public async Task ReadFailure_XMsRetryAfterMs_IsTheRetryHint()
    {
        using var response = Answer("""{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation have exceeded token rate limit."}}""",
            status: HttpStatusCode.TooManyRequests);
        response.Headers.Add("x-ms-retry-after-ms", "750");

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMilliseconds(750), failure.RetryAfter);
    }

    private static string? ContentOf(ChatChunk chunk)
    {
        using var json = Json(chunk.Data);
        var delta = json.RootElement.GetProperty("choices")[0].GetProperty("delta");
        return delta.TryGetProperty("content", out var content) ? content.GetString()
            : delta.TryGetProperty("role", out _) ? string.Empty
            : null;
    }
}
