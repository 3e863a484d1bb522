using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// Failures on <c>/v1/responses</c>, every backend alike: a 429 reaches the SDK as a 429 in OpenAI's error shape with the upstream's
/// <c>retry-after</c>; a 5xx that outlives its retry as OpenAI's error JSON; a stream that breaks after its first text ends with an
/// <c>error</c> event, which the SDK yields, and no terminal event.
/// </summary>
[Collection(ResponsesCollection.Name)]
public sealed class ResponsesFailureTests(ResponsesFixture fixture)
{
    /// <summary>Longer than the gateway waits for on the same endpoint (<c>max_retry_wait_seconds: 2</c>), so the client hears it.</summary>
    private const int RetryAfterSeconds = 7;

    public static TheoryData<string, string> BackendsAndModes()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in ResponsesBackend.All)
        {
            data.Add(backend.Name, "whole");
            data.Add(backend.Name, "stream");
        }

        return data;
    }

    public static TheoryData<string> Backends() => [.. ResponsesBackend.All.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(BackendsAndModes))]
    public async Task Responses_UpstreamRateLimits_SdkRaises429WithTheUpstreamsRetryAfter(string backendName, string mode)
    {
        var backend = ResponsesBackend.Named(backendName);
        await using var stub = await StubUpstream.StartAsync(backend.Parity.Kind);
        stub.ExpectedApiKey = backend.Parity.ApiKey;
        stub.Enqueue(backend.RateLimited(RetryAfterSeconds));
        await using var gateway = await TestGateway.StartAsync(RetryingConfig(backend, stub.Url));

        var seen = await ResponsesClient.RunAsync(gateway.Url, ResponsesRequests.First(ResponsesScenario.Text), mode == "stream");

        Assert.Equal(429, seen.ErrorStatus);
        Assert.NotNull(seen.Error?.Type);
        Assert.NotEmpty(seen.Error!.Message);
        Assert.Equal(RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), seen.Header("retry-after"));
        Assert.Equal(1, stub.RequestCount); // a wait longer than max_retry_wait_seconds is not waited for
    }

    [Theory]
    [MemberData(nameof(BackendsAndModes))]
    public async Task Responses_UpstreamFailsWith500AndAgainOnRetry_SdkRaisesOpenAiErrorJson(string backendName, string mode)
    {
        var backend = ResponsesBackend.Named(backendName);
        await using var stub = await StubUpstream.StartAsync(backend.Parity.Kind);
        stub.ExpectedApiKey = backend.Parity.ApiKey;
        stub.Enqueue(backend.ServerError());
        stub.Enqueue(backend.ServerError());
        await using var gateway = await TestGateway.StartAsync(RetryingConfig(backend, stub.Url));

        var seen = await ResponsesClient.RunAsync(gateway.Url, ResponsesRequests.First(ResponsesScenario.Text), mode == "stream");

        Assert.Equal((2, 0), (stub.RequestCount, stub.PendingResponses));
        Assert.NotNull(seen.Error?.Type);
        if (backendName == "openai")
        {
            // Every try failed alike at an upstream of the client's own protocol: the client hears its status and its words.
            Assert.True(seen.ErrorStatus == 500, $"HTTP {seen.ErrorStatus}: {seen.Error}");
            Assert.Contains(ResponsesWire.ServerErrorPhrase, seen.Error!.Message, StringComparison.Ordinal);
            return;
        }

        Assert.Equal(502, seen.ErrorStatus);
        Assert.StartsWith($"All 2 attempts failed:\n- {backend.Name} http://127.0.0.1", seen.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", seen.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task ResponsesStream_UpstreamFailsAfterTheFirstText_SdkYieldsTheTextThenAnErrorEventAndNoTerminalEvent(string backendName)
    {
        var backend = ResponsesBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend);
        var failure = backend.MidStreamFailure();
        stub.Responder = ResponsesMatrixTests.Answer(failure.Response);

        var seen = await ResponsesClient.RunAsync(gateway.Url, ResponsesRequests.First(ResponsesScenario.Text), stream: true);

        Assert.Null(seen.ErrorStatus); // the answer was a 200; the failure came as an event
        Assert.NotNull(seen.StreamError);
        Assert.Contains(failure.ErrorPhrase, seen.StreamError.Message, StringComparison.Ordinal);
        Assert.Equal(0, seen.Terminals);
        Assert.Equal(new SeenItem("message", failure.TextBefore), Assert.Single(seen.Items));
        Assert.Equal(Enumerable.Range(0, seen.Sequence.Count), seen.Sequence);
    }

    /// <summary>The matrix's config for the backend (<see cref="ParityFixture.Config"/>), with one retry and waits of up to two seconds.</summary>
    private static string RetryingConfig(ResponsesBackend backend, string stubUrl) =>
        ParityFixture.Config(backend.Parity, stubUrl).Replace("max_retries: 0", "max_retries: 1\n    max_retry_wait_seconds: 2", StringComparison.Ordinal);
}
