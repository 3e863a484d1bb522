using System.Text;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Resilience;

/// <summary>
/// Embeddings move on through their plan by the same rule as chat: a wrong key or a missing model on one endpoint lets the next one
/// try, a prompt too long for the model may still fit elsewhere, and only a request at fault (400, 413, 422) stops the plan.
/// </summary>
public sealed class EmbeddingsFallbackTests
{
    private const string Model = "text-embedding-3-small";

    private const string ContextLengthError =
        """{"error":{"message":"This model's maximum context length is 8192 tokens, however you requested 9000 tokens (9000 in your prompt; 0 for the completion). Please reduce your prompt; or completion length.","type":"invalid_request_error","param":null,"code":null}}""";

    public static TheoryData<string> FirstEndpointFailures => ["404 model_not_found", "401 invalid_api_key", "400 context length exceeded"];

    [Theory]
    [MemberData(nameof(FirstEndpointFailures))]
    public async Task Embeddings_FirstEndpointRefusesWhatTheNextMayServe_NextEndpointAnswers(string failure)
    {
        await using var first = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var second = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        first.Enqueue(failure switch
        {
            "404 model_not_found" => StubResponse.Json(404, OpenAiPayloads.ModelNotFoundError(Model)),
            "401 invalid_api_key" => OpenAiPayloads.Unauthorized(),
            _ => StubResponse.Json(400, ContextLengthError),
        });
        await using var gateway = await StartAsync(first, second);

        using var response = await gateway.Http.PostAsync("/v1/embeddings", Body());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("x-gateway-attempts").Single());
        Assert.Contains("\"embedding\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((1, 1), (first.RequestCount, second.RequestCount));
    }

    [Fact]
    public async Task Embeddings_FirstEndpointRejectsTheRequestAsMalformed_400AndTheNextIsNotTried()
    {
        await using var first = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var second = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        first.Enqueue(StubResponse.Json(400, OpenAiPayloads.InvalidJsonError));
        await using var gateway = await StartAsync(first, second);

        using var response = await gateway.Http.PostAsync("/v1/embeddings", Body());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("could not parse the JSON body", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(second.Requests);
    }

    private static Task<TestGateway> StartAsync(StubUpstream first, StubUpstream second) =>
        TestGateway.StartAsync($$"""
            llm:
              backend: openai
              global_defaults: { max_retries: 0 }
              openai:
                base_url: "{{first.Url}}/v1"
                api_key: "sk-test"
                embedding_model: "{{Model}}"
                models: { embedder: "{{Model}}" }
                endpoints:
                  embedder: ["{{first.Url}}/v1", "{{second.Url}}/v1"]
            """);

    private static StringContent Body() => new("""{"model":"embedder","input":"hello"}""", Encoding.UTF8, "application/json");
}
