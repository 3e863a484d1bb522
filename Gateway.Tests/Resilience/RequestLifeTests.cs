using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Resilience;

/// <summary>
/// A request's whole life is bounded (<c>max_request_seconds</c>, or the client's shorter <c>x-gateway-timeout-seconds</c>), a stream's
/// included: an upstream that never stops is ended with the surface's error event, on fake time.
/// </summary>
public sealed class RequestLifeTests
{
    private const string Chunk =
        """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"la "},"finish_reason":null}]}""";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Stream_UpstreamThatNeverEnds_EndedAtMaxRequestSecondsWithAnErrorEvent()
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        upstreams.Primary!.Enqueue(Endless());
        await using var gateway = await TestGateway.For(upstreams.Config(primarySettings: "max_request_seconds: 5")).WithFakeTime().StartAsync();

        var rest = await ReadAfterAsync(gateway, TimeSpan.FromSeconds(6));

        Assert.Contains("the request's 5 s limit (max_request_seconds) ran out", rest, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"request_timeout\"", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ClientBudgetHeader_BoundsTheStreamToo()
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        upstreams.Primary!.Enqueue(Endless());
        await using var gateway = await TestGateway.For(upstreams.Config()).WithFakeTime().StartAsync();

        var rest = await ReadAfterAsync(gateway, TimeSpan.FromSeconds(4), ("x-gateway-timeout-seconds", "3"));

        Assert.Contains("the request's 3 s budget ran out", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_EndedByTheDeadline_DoesNotCountAgainstTheEndpoint()
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        upstreams.Primary!.Enqueue(Endless());
        var settings = "resilience:\n  failures_before_cooldown: 1\n  cooldown_seconds: 30";
        await using var gateway = await TestGateway.For(upstreams.Config(settings, primarySettings: "max_request_seconds: 5")).WithFakeTime().StartAsync();
        await ReadAfterAsync(gateway, TimeSpan.FromSeconds(6));

        var next = await gateway.ChatAsync(stream: false);

        Assert.Equal(("openai", 1), (next.Backend, next.Attempts));
    }

    /// <summary>Starts a stream, waits for its first event, moves the clock by <paramref name="advance"/> and reads the rest.</summary>
    private static async Task<string> ReadAfterAsync(TestGateway gateway, TimeSpan advance, params (string Name, string Value)[] headers)
    {
        using var response = await gateway.SendChatAsync(stream: true, headers);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await reader.ReadThroughAsync("la ").WaitAsync(Patience);
        gateway.Clock.Advance(advance);
        return await reader.ReadToEndAsync().WaitAsync(Patience);
    }

    private static StubResponse Endless() => StubResponse.Custom(async context =>
    {
        context.Response.ContentType = "text/event-stream";
        var aborted = context.RequestAborted;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                await context.Response.WriteAsync(Chunk + "\n\n", aborted);
                await context.Response.Body.FlushAsync(aborted);
                await Task.Delay(TimeSpan.FromMilliseconds(5), aborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The gateway hung up, as it should at the deadline.
        }
    });
}
