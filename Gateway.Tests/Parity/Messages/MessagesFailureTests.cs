using System.Net;
using System.Text;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity.Messages;

/// <summary>
/// Failures on <c>/v1/messages</c>, every backend alike: a 429 reaches the Anthropic client as <c>rate_limit_error</c> with the
/// upstream's <c>retry-after</c>; a 5xx that outlives its retry as Anthropic's error JSON; a stream that breaks after its first text
/// ends with <c>event: error</c> and no <c>message_stop</c>, and the SDK raises.
/// </summary>
[Collection(ParityCollection.Name)]
public sealed class MessagesFailureTests(ParityFixture fixture)
{
    /// <summary>Longer than the gateway waits for on the same endpoint (<c>max_retry_wait_seconds: 2</c>), so the client hears it.</summary>
    private const int RetryAfterSeconds = 7;

    public static TheoryData<string, string> BackendsAndModes()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in MessagesBackend.All)
        {
            data.Add(backend.Name, "whole");
            data.Add(backend.Name, "stream");
        }

        return data;
    }

    public static TheoryData<string> Backends() => [.. MessagesBackend.All.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(BackendsAndModes))]
    public async Task Messages_UpstreamRateLimits_SdkRaisesRateLimitErrorWithTheUpstreamsRetryAfter(string backendName, string mode)
    {
        var backend = MessagesBackend.Named(backendName);
        await using var stub = await StubUpstream.StartAsync(backend.Parity.Kind);
        stub.ExpectedApiKey = backend.Parity.ApiKey;
        stub.Enqueue(backend.RateLimited(RetryAfterSeconds));
        await using var gateway = await TestGateway.StartAsync(RetryingConfig(backend, stub.Url));

        var seen = await MessagesClient.RunAsync(gateway.Url, MessagesRequests.For(MessagesScenario.PlainText), mode == "stream");

        Assert.Equal(429, seen.ErrorStatus);
        Assert.Equal("rate_limit_error", seen.ErrorType);
        Assert.Equal(TimeSpan.FromSeconds(RetryAfterSeconds), seen.Headers?.RetryAfter?.Delta);
        Assert.NotNull(seen.Headers?.GetValues("request-id").Single());
        Assert.Equal(1, stub.RequestCount); // a wait longer than max_retry_wait_seconds is not waited for
    }

    [Theory]
    [MemberData(nameof(BackendsAndModes))]
    public async Task Messages_UpstreamFailsWith500AndAgainOnRetry_SdkRaisesAnthropicApiError(string backendName, string mode)
    {
        var backend = MessagesBackend.Named(backendName);
        await using var stub = await StubUpstream.StartAsync(backend.Parity.Kind);
        stub.ExpectedApiKey = backend.Parity.ApiKey;
        stub.Enqueue(backend.ServerError());
        stub.Enqueue(backend.ServerError());
        await using var gateway = await TestGateway.StartAsync(RetryingConfig(backend, stub.Url));

        var seen = await MessagesClient.RunAsync(gateway.Url, MessagesRequests.For(MessagesScenario.PlainText), mode == "stream");

        Assert.Equal(2, stub.RequestCount);
        Assert.Equal(0, stub.PendingResponses);
        Assert.Equal("api_error", seen.ErrorType);
        if (backendName == "anthropic")
        {
            // Every try failed alike at an upstream of the client's own protocol: the client hears its status and its words.
            Assert.Equal(500, seen.ErrorStatus);
            return;
        }

        Assert.Equal(502, seen.ErrorStatus);
        Assert.StartsWith($"All 2 attempts failed:\n- {backend.Name} http://127.0.0.1", seen.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", seen.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task MessagesStream_UpstreamFailsAfterTheFirstText_TextThenAnErrorEventAndNoMessageStop(string backendName)
    {
        var backend = MessagesBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend.Parity);
        var failure = backend.Parity.MidStreamFailure();
        stub.Enqueue(failure.Response);

        using var response = await gateway.Http.PostAsync("/v1/messages", new StringContent(
            """{"model":"generator","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Hello!"}]}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("event: message_start\n", events[0], StringComparison.Ordinal);
        Assert.Contains(events, e => e.StartsWith("event: content_block_delta\n", StringComparison.Ordinal)
            && e.Contains(Fixture.JsonString(failure.TextBefore), StringComparison.Ordinal));
        // An Anthropic backend's own error event is passed on as it sent it; a translated stream gets the gateway's.
        Assert.StartsWith(backendName == "anthropic" ? "event: error\ndata: {" : "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":", events[^1], StringComparison.Ordinal);
        Assert.Contains(failure.ErrorPhrase, events[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", body, StringComparison.Ordinal);
        Assert.DoesNotContain("message_delta", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task MessagesStreamWithSdk_UpstreamFailsAfterTheFirstText_SdkRaisesTheErrorEvent(string backendName)
    {
        var backend = MessagesBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend.Parity);
        var failure = backend.Parity.MidStreamFailure();
        stub.Enqueue(failure.Response);

        var seen = await MessagesClient.RunAsync(gateway.Url, MessagesRequests.For(MessagesScenario.PlainText), stream: true);

        Assert.Null(seen.ErrorStatus); // the answer was a 200; the error came as an event
        Assert.NotNull(seen.ErrorType);
        Assert.Contains(failure.ErrorPhrase, seen.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>The backend alone, with one retry of a transient failure and waits of up to two seconds.</summary>
    private static string RetryingConfig(MessagesBackend backend, string stubUrl) => $"""
        llm:
          backend: "{backend.Name}"
          global_defaults:
            max_retries: 1
            max_retry_wait_seconds: 2
          {backend.Name}:
        {backend.Parity.Section(stubUrl, backend.Parity.Model)}
        """;
}
