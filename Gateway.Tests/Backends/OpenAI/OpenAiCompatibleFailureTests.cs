using System.Net;
using Gateway.Backends;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Gateway.Resilience;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Backends.WireTestKit;

namespace Gateway.Tests.Backends.OpenAI;

public sealed class OpenAiCompatibleFailureTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly OpenAiCompatibleProtocol _protocol = new(new FakeTimeProvider(Now));

    [Fact]
    public async Task ReadFailure_OpenAiErrorShape_KeepsStatusMessageCodeAndRetryAfterSeconds()
    {
        // [constructed] in the reference, conforming to the spec's ErrorResponse schema.
        using var response = Answer("""{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}""",
            status: HttpStatusCode.TooManyRequests);
        response.Headers.Add("Retry-After", "20");

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(FailureKind.Status, failure.Kind);
        Assert.Equal(429, failure.StatusCode);
        Assert.Equal("Rate limit reached for requests", failure.Message);
        Assert.Equal("rate_limit_exceeded", failure.Code);
        Assert.Equal(TimeSpan.FromSeconds(20), failure.RetryAfter);
        Assert.True(FailureClass.IsTransient(failure));
    }

    [Fact]
    public async Task ReadFailure_RetryAfterMs_WinsOverRetryAfter()
    {
        using var response = Answer("""{"error":{"message":"slow down","type":"requests","param":null,"code":null}}""", status: HttpStatusCode.TooManyRequests);
        response.Headers.Add("retry-after-ms", "1500");
        response.Headers.Add("Retry-After", "20");

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), failure.RetryAfter);
        Assert.Equal("requests", failure.Code);
    }

    [Fact]
    public async Task ReadFailure_RetryAfterHttpDate_MeasuredFromTheInjectedClock()
    {
        using var response = Answer("""{"error":{"message":"busy","type":"server_error","param":null,"code":null}}""", status: HttpStatusCode.ServiceUnavailable);
        response.Headers.Add("Retry-After", Now.AddSeconds(45).ToString("R"));

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(45), failure.RetryAfter);
    }

    [Fact]
    public async Task ReadFailure_LmStudioModelNotFound_KeepsMessageAndCode()
    {
        using var response = Answer(OpenAiFixtures.LmStudioModelNotFound, status: HttpStatusCode.NotFound);

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(404, failure.StatusCode);
        Assert.StartsWith("Model \"default\" not found. Please specify a valid model.", failure.Message, StringComparison.Ordinal);
        Assert.Equal("model_not_found", failure.Code);
        Assert.False(failure.IsClientError);
    }

    [Fact]
    public async Task ReadFailure_NullCode_FallsBackToType()
    {
        using var response = Answer("""{"error":{"message":"No models loaded. Please load a model","type":"invalid_request_error","param":"model"}}""",
            status: HttpStatusCode.BadRequest);

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal("invalid_request_error", failure.Code);
        Assert.True(failure.IsClientError);
    }

    [Fact]
    public async Task ReadFailure_HtmlBadGateway_DescribesThePageWithoutItsMarkup()
    {
        using var response = Answer("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>",
            "text/html", HttpStatusCode.BadGateway);

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(502, failure.StatusCode);
        Assert.Equal("upstream answered 502 with an HTML page (text/html) instead of an API error", failure.Message);
        Assert.Null(failure.Code);
    }

    [Fact]
    public async Task ReadFailure_PlainText_QuotesTheText()
    {
        using var response = Answer("upstream connect error or disconnect/reset before headers", "text/plain", HttpStatusCode.ServiceUnavailable);

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal("upstream answered 503 with upstream connect error or disconnect/reset before headers", failure.Message);
    }

    [Fact]
    public async Task ReadEmbeddings_FloatList_PassesThroughWithUsage()
    {
        // The spec example with its elisions removed so that it is valid JSON.
        const string Answer200 = """
            {"object":"list","data":[{"object":"embedding","embedding":[0.0023064255,-0.009327292,-0.0028842222],"index":0}],"model":"text-embedding-ada-002","usage":{"prompt_tokens":8,"total_tokens":8}}
            """;
        using var request = Embeddings("""{"input":"The food was delicious and the waiter...","model":"e","encoding_format":"float"}""");
        using var response = Answer(Answer200);

        var outcome = await _protocol.ReadEmbeddingsAsync(response, request, Candidate(Backend(BackendKind.OpenAI), "text-embedding-ada-002", "https://api.openai.com/v1"), CancellationToken.None);

        Assert.Equal(Answer200, Text(outcome.Value!.Json));
        Assert.Equal(new Usage(8, 0), outcome.Value.Usage);
    }

    [Fact]
    public async Task ReadEmbeddings_ClientWantsBase64ButUpstreamSentNumbers_ReencodesSoTheOpenAiSdkDecodesTheSameFloats()
    {
        // LM Studio's v0 embeddings answer, shortened to three floats.
        const string LmStudio = """
            {"object":"list","data":[{"object":"embedding","embedding":[-0.016731496900320053,0.028460891917347908,-0.1407836228609085],"index":0}],"model":"text-embedding-nomic-embed-text-v1.5@q4_k_m","usage":{"prompt_tokens":0,"total_tokens":0}}
            """;
        using var request = Embeddings("""{"input":"Some text to embed","model":"e","encoding_format":"base64"}""");
        using var response = Answer(LmStudio);

        var outcome = await _protocol.ReadEmbeddingsAsync(response, request, Candidate(Backend(BackendKind.LMStudio), "nomic", "http://127.0.0.1:1234/v1"), CancellationToken.None);

        using var json = Json(outcome.Value!.Json);
        var item = json.RootElement.GetProperty("data")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.String, item.GetProperty("embedding").ValueKind);
        Assert.Equal("text-embedding-nomic-embed-text-v1.5@q4_k_m", json.RootElement.GetProperty("model").GetString());
        var sdk = System.ClientModel.Primitives.ModelReaderWriter.Read<global::OpenAI.Embeddings.OpenAIEmbeddingCollection>(BinaryData.FromBytes(outcome.Value.Json))!;
        Assert.Equal([-0.016731496900320053f, 0.028460891917347908f, -0.1407836228609085f], sdk[0].ToFloats().ToArray());
    }

    [Fact]
    public async Task ReadEmbeddings_Base64FromUpstream_PassesThroughUnchanged()
    {
        const string Base64Answer = """{"object":"list","data":[{"object":"embedding","index":0,"embedding":"AACAPwAAAEA="}],"model":"m","usage":{"prompt_tokens":2,"total_tokens":2}}""";
        using var request = Embeddings("""{"input":"x","model":"e","encoding_format":"base64"}""");
        using var response = Answer(Base64Answer);

        var outcome = await _protocol.ReadEmbeddingsAsync(response, request, Candidate(Backend(BackendKind.OpenAI), "m", "https://api.openai.com/v1"), CancellationToken.None);

        Assert.Equal(Base64Answer, Text(outcome.Value!.Json));
    }
}
