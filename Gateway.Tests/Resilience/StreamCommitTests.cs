using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Resilience;

/// <summary>
/// Once a stream's first event has reached the client the answer is the primary's: a stall or a cut after that ends the stream with an
/// OpenAI-style error event and no <c>[DONE]</c>, and the gateway never switches to the fallback in the middle of an answer.
/// </summary>
public sealed class StreamCommitTests
{
    private static readonly string[] Events = [.. OpenAiChatTests.OpenAiStream("partial", "never").Take(2)];

    [Fact]
    public async Task Stream_PrimaryDripsThenStalls_IdleTimeoutEndsTheStreamWithAnErrorEvent()
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await TestGateway.For(upstreams.Config(primarySettings: "stream_idle_timeout_seconds: 0.3")).WithFakeTime().StartAsync();
        upstreams.Primary!.Enqueue(StubResponse.Custom(async http =>
        {
            http.Response.ContentType = "text/event-stream";
            foreach (var raw in Events)
            {
                await http.Response.WriteAsync(raw, http.RequestAborted);
            }

            await http.Response.Body.FlushAsync(http.RequestAborted);
            await Task.Delay(Timeout.InfiniteTimeSpan, http.RequestAborted);
        }));

        using var response = await gateway.SendChatAsync(stream: true);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var seen = await reader.ReadThroughAsync("partial"); // all the upstream sent has reached the client: from here on it is silent
        var rest = await gateway.AdvanceUntilDoneAsync(reader.ReadToEndAsync(), TimeSpan.FromSeconds(0.3));
        var answer = Answer.Of(response, seen + rest);

        Assert.Equal(200, answer.Status);
        Assert.Equal("openai", answer.Backend);
        Assert.Equal(1, answer.Attempts);
        Assert.Equal("partial", answer.StreamedText());
        Assert.Contains("went silent for 0.3 s", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("data: [DONE]", answer.Body, StringComparison.Ordinal);
        Assert.Empty(upstreams.Fallback.Requests);
        var upstream = await upstreams.Primary.WaitForRequestAsync(1, TimeSpan.FromSeconds(10));
        await upstream.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(upstream.ClientAborted);
    }

    [Fact]
    public async Task Stream_PrimaryCutAfterFirstEvents_ErrorEventNoDoneAndNoSwitch()
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await TestGateway.StartAsync(upstreams.Config());
        upstreams.Primary!.Enqueue(StubResponse.Sse(Events, cutAfter: true));

        var answer = await gateway.ChatAsync(stream: true);

        Assert.Equal(200, answer.Status);
        Assert.Equal("openai", answer.Backend);
        Assert.Equal("partial", answer.StreamedText());
        Assert.Contains("data: {\"error\":{", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("data: [DONE]", answer.Body, StringComparison.Ordinal);
        Assert.Empty(upstreams.Fallback.Requests);
        Assert.Equal(1, upstreams.Primary.RequestCount);
    }

    [Fact]
    public async Task Stream_SlowButSteadyEvents_EachSilenceShorterThanTheIdleTimeout_AnswerCompletes()
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await TestGateway.StartAsync(upstreams.Config());
        upstreams.Primary!.Enqueue(StubResponse.Sse(OpenAiChatTests.OpenAiStream("a", "b", "c"), delayBetween: TimeSpan.FromMilliseconds(100)));

        var answer = await gateway.ChatAsync(stream: true);

        Assert.Equal("openai", answer.Backend);
        Assert.Equal("abc", answer.StreamedText());
        Assert.EndsWith("data: [DONE]\n\n", answer.Body, StringComparison.Ordinal);
    }
}
