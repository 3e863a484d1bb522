using System.ClientModel;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>
/// Anthropic's errors through the gateway: 529 <c>overloaded_error</c> and 429 are transient (the next backend answers; alone, the client
/// hears 503 with the upstream's <c>Retry-After</c>); 400 is the request's fault and surfaces with Anthropic's message, untried elsewhere.
/// </summary>
public sealed class AnthropicErrorsTests
{
    private static string Config(StubUpstream anthropic, StubUpstream? openai = null) => $$"""
        llm:
          backend: anthropic
          global_defaults: {max_retries: 0}
          {{(openai is null ? "" : "fallback_backends: [openai]")}}
          anthropic:
            base_url: "{{anthropic.Url}}"
            api_key: "sk-ant-test"
            models:
              generator: "claude-sonnet-4-20250514"
          {{(openai is null ? "" : $"openai: {{ base_url: \"{openai.Url}/v1\", api_key: \"sk-test\", models: {{ generator: \"gpt-4o\" }} }}")}}
        """;

    public static TheoryData<int> TransientStatuses() => [429, 529];

    [Theory]
    [MemberData(nameof(TransientStatuses))]
    public async Task CompleteChat_AnthropicOverloadedOrRateLimited_FallbackBackendAnswers(int status)
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        anthropic.Enqueue(status == 529 ? AnthropicPayloads.Overloaded() : AnthropicPayloads.RateLimited(retryAfterSeconds: 0));
        await using var gateway = await TestGateway.StartAsync(Config(anthropic, openai));

        var result = await ParityClient.For(gateway.Url).CompleteChatAsync([new UserChatMessage("Hello!")]);

        Assert.Equal(OpenAiPayloads.ChatCompletionContent, result.Value.Content[0].Text);
        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-gateway-backend", out var backend) && backend == "openai");
        Assert.True(headers.TryGetValue("x-gateway-attempts", out var attempts) && attempts == "2");
        Assert.Single(anthropic.Requests);
    }

    [Fact]
    public async Task CompleteChat_AnthropicAloneOverloaded_503WithTheUpstreamsRetryAfterAndMessage()
    {
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        anthropic.Enqueue(StubResponse.Json(529, AnthropicPayloads.OverloadedError, ("retry-after", "7")));
        await using var gateway = await TestGateway.StartAsync(Config(anthropic));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => ParityClient.For(gateway.Url).CompleteChatAsync([new UserChatMessage("Hello!")]));

        Assert.Equal(503, error.Status);
        Assert.Contains("HTTP 529: Overloaded", error.Message, StringComparison.Ordinal);
        Assert.True(error.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var retryAfter));
        Assert.Equal("7", retryAfter);
    }

    [Fact]
    public async Task CompleteChat_AnthropicRejectsTheRequest_400WithAnthropicsMessageAndNoFallback()
    {
        const string Rejection = """{"type":"error","error":{"type":"invalid_request_error","message":"messages.0.content.1.image.source.base64.data: The image was specified using the image/png media type, but the image appears to be a image/jpeg image"},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        anthropic.Enqueue(StubResponse.Json(400, Rejection));
        await using var gateway = await TestGateway.StartAsync(Config(anthropic, openai));

        var seen = await ParityClient.RunAsync(ParityClient.For(gateway.Url), ParityScenario.ImageInput, stream: false);

        Assert.Equal(400, seen.ErrorStatus);
        Assert.Equal("invalid_request_error", seen.ErrorCode);
        Assert.Contains("the image appears to be a image/jpeg image", seen.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("req_018EeWyXxfu5pfWkrYcMdjWG", seen.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("anthropic", seen.ServedBy);
        Assert.Empty(openai.Requests);
    }

    [Fact]
    public async Task CompleteChat_AnthropicForbids_403WithAnthropicsMessage()
    {
        const string Forbidden = """{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."},"request_id":"req_018EeWyXxfu5pfWkrYcMdjWG"}""";
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        anthropic.Enqueue(StubResponse.Json(403, Forbidden));
        await using var gateway = await TestGateway.StartAsync(Config(anthropic));

        var seen = await ParityClient.RunAsync(ParityClient.For(gateway.Url), ParityScenario.PlainText, stream: true);

        Assert.Equal(403, seen.ErrorStatus);
        Assert.Equal("permission_denied", seen.ErrorCode);
        Assert.Contains("does not have permission to use the specified resource", seen.ErrorMessage, StringComparison.Ordinal);
    }
}
