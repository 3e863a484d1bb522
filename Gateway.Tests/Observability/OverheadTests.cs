using System.Globalization;
using System.Text;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Observability;

/// <summary><c>x-gateway-overhead-ms</c> is the gateway's own time: a wait the upstream asked for before a retry is not part of it.</summary>
public sealed class OverheadTests
{
    private const int AskedWaitMs = 300;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Overhead_RetryAfterTheUpstreamsWait_WaitIsNotCountedAsGatewayTime(bool stream)
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Json(503, """{"error":{"message":"busy","type":"server_error","param":null,"code":null}}""",
            ("retry-after-ms", AskedWaitMs.ToString(CultureInfo.InvariantCulture))));
        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: openai
              openai:
                base_url: "{{openai.Url}}/v1"
                api_key: "sk-test"
            """);

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"gpt-4o","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
        await response.Content.ReadAsStringAsync();

        Assert.Equal("2", Assert.Single(response.Headers.GetValues("x-gateway-attempts")));
        var overhead = double.Parse(Assert.Single(response.Headers.GetValues("x-gateway-overhead-ms")), CultureInfo.InvariantCulture);
        // Counting the wait would make the overhead at least the wait itself, whatever the machine's speed.
        Assert.InRange(overhead, 0, AskedWaitMs - 1);
    }
}
