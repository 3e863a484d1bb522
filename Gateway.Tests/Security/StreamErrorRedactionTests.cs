using System.Text;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Security;

/// <summary>An upstream that quotes the gateway's key in an error after the stream has started never gets it to the client.</summary>
public sealed class StreamErrorRedactionTests
{
    private const string UpstreamKey = "sk-upstream-stream-secret-4242";

    [Fact]
    public async Task Stream_UpstreamErrorEventQuotesTheKey_ClientsErrorEventHasItMasked()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        var events = OpenAiChatTests.OpenAiStream("partial").Take(2).Append(
            "data: {\"error\":{\"message\":\"Incorrect API key provided: " + UpstreamKey + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}\n\n");
        openai.Enqueue(StubResponse.Sse(events));
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: openai
              openai:
                base_url: "{{openai.Url}}/v1"
                api_key: "{{UpstreamKey}}"
            """);

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", new StringContent(
            """{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("\"partial\"", body, StringComparison.Ordinal);
        Assert.Contains("data: {\"error\":{\"message\":\"The upstream failed after the answer had started: Incorrect API key provided: ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(UpstreamKey, body, StringComparison.Ordinal);
        Assert.DoesNotContain("data: [DONE]", body, StringComparison.Ordinal);
    }
}
