using System.Text;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Resilience;

/// <summary>A client that leaves cancels the upstream request at once: no orphaned generation, no retry, no fallback.</summary>
public sealed class ClientAbortTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chat_ClientLeavesWhileUpstreamThinks_UpstreamSeesTheRequestCancelled(bool stream)
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await TestGateway.StartAsync(upstreams.Config(primarySettings: "timeout_seconds: 60"));
        upstreams.Primary!.Enqueue(StubResponse.Hang());
        using var leave = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"generator","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };

        var sending = gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, leave.Token);
        var upstream = await upstreams.Primary.WaitForRequestAsync(1, Patience);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        await upstream.Completion.WaitAsync(Patience);
        Assert.True(upstream.ClientAborted);
        Assert.Equal(1, upstreams.Primary.RequestCount);
        Assert.Empty(upstreams.Fallback.Requests);
    }

    [Fact]
    public async Task Stream_ClientLeavesMidAnswer_UpstreamStreamIsCancelled()
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await TestGateway.StartAsync(upstreams.Config(primarySettings: "stream_idle_timeout_seconds: 60"));
        upstreams.Primary!.Enqueue(StubResponse.Sse(Api.OpenAiChatTests.OpenAiStream("first"), delayBetween: TimeSpan.FromSeconds(30)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"generator","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };

        using var leave = new CancellationTokenSource();
        using (var response = await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.StartsWith("data: {", await reader.ReadLineAsync().WaitAsync(Patience), StringComparison.Ordinal);

            // Cancelling a pending read drops the connection at once (disposing would first try to drain the rest).
            var pending = reader.ReadToEndAsync(leave.Token);
            await leave.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        }

        var upstream = await upstreams.Primary.WaitForRequestAsync(1, Patience);
        await upstream.Completion.WaitAsync(Patience);
        Assert.True(upstream.ClientAborted);
        Assert.Empty(upstreams.Fallback.Requests);
    }
}
