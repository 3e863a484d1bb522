using System.Net.NetworkInformation;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Dispatch;
using Gateway.Exchange;
using Gateway.Hosting;
using Gateway.Runtime;
using Gateway.Surfaces;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Resilience;

/// <summary>
/// Thousands of failed requests leave nothing behind: every upstream response is disposed, so pooled connections are reused rather than
/// piling up, and memory returns to where it was. Run in-process against the gateway's own dispatcher to stay fast, and alone
/// (<see cref="AloneCollection"/>), since the memory measured is the whole test process's.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class LeakTests
{
    private const int Requests = 1000;
    private const int Parallelism = 8;

    [Fact]
    public async Task Dispatch_TwoThousandFailedRequestsStreamedAndNot_NoConnectionsOrMemoryPileUp()
    {
        await using var upstream = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        for (var i = 0; i < (2 * Requests) + (2 * Parallelism); i++)
        {
            upstream.Enqueue(StubResponse.Json(503, OpenAiPayloads.ServerError));
        }

        await using var gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: openai
              global_defaults: { max_retries: 0 }
              resilience: { failures_before_cooldown: 1000000 }
              openai:
                base_url: "{{upstream.Url}}/v1"
                api_key: "sk-test"
            """);
        var dispatcher = gateway.Services.GetRequiredService<ChatDispatcher>();
        var plan = gateway.Services.GetRequiredService<GatewayRuntime>().Current.Resolver.ResolveChat("gpt-4o", null).Plan!;
        var failures = 0;

        async Task OneAsync(bool stream)
        {
            using var request = new ChatRequest(
                JsonDocument.Parse($$"""{"model":"gpt-4o","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}"""),
                "gpt-4o",
                stream,
                includeUsage: false);
            if (stream)
            {
                var context = new DefaultHttpContext();
                context.Response.Body = Stream.Null;
                await dispatcher.DispatchAsync(context, gateway.Services.GetRequiredService<ChatCompletionsSurface>(), request, plan);
                Assert.Equal(503, context.Response.StatusCode);
            }
            else
            {
                var outcome = await dispatcher.CompleteAsync(request, plan, new DispatchRecord { Operation = "chat" }, CancellationToken.None);
                Assert.Equal(503, outcome.Error!.Status);
            }

            Interlocked.Increment(ref failures);
        }

        async Task ManyAsync(int count, bool stream) =>
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (_, _) => await OneAsync(stream));

        await ManyAsync(Parallelism, stream: false);
        await ManyAsync(Parallelism, stream: true);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        await ManyAsync(Requests, stream: false);
        await ManyAsync(Requests, stream: true);

        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Equal((2 * Requests) + (2 * Parallelism), failures);
        Assert.Equal(0, upstream.PendingResponses);
        Assert.InRange(OpenConnectionsTo(new Uri(upstream.Url).Port), 1, 2 * Parallelism);
        Assert.InRange(memoryAfter - memoryBefore, long.MinValue, 32L * 1024 * 1024);
    }

    /// <summary>Established TCP connections whose far end is <paramref name="port"/> on this machine (the gateway's side of each).</summary>
    private static int OpenConnectionsTo(int port) =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
            .Count(connection => connection.RemoteEndPoint.Port == port && connection.State == TcpState.Established);
}
