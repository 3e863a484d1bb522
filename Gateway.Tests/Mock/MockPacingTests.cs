using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Mock;

/// <summary>Latency and chunk pacing run on the handler's clock: nothing arrives before its time, and the reader can always cancel.</summary>
public sealed class MockPacingTests
{
    [Fact]
    public async Task Latency_AnswerArrivesOnlyOnceTheConfiguredWaitHasPassed()
    {
        var time = new FakeTimeProvider();
        using var mock = new MockClient("{latency_ms: 500}", time);

        var sending = mock.PostAsync("/chat/completions", MockClient.Chat("hi"));
        time.Advance(TimeSpan.FromMilliseconds(499));
        var earlyDone = sending.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(earlyDone);
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Latency_CallerCancels_TheWaitEndsWithCancellation()
    {
        using var mock = new MockClient("{latency_ms: 600000}", new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();

        var sending = mock.PostAsync("/chat/completions", MockClient.Chat("hi"), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task ChunkDelay_NextChunkWaitsForThePause_FirstComesAtOnce()
    {
        var time = new FakeTimeProvider();
        using var mock = new MockClient("{chunk_delay_ms: 100}", time);
        using var response = await mock.PostAsync("/chat/completions", MockClient.Chat("hi", ",\"stream\":true"));
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];

        var first = await stream.ReadAsync(buffer);
        var firstFrame = System.Text.Encoding.UTF8.GetString(buffer, 0, first);
        var reading = stream.ReadAsync(buffer).AsTask();
        var beforePause = reading.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(100));
        var second = await reading.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("\"role\":\"assistant\"", firstFrame, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", firstFrame, StringComparison.Ordinal);
        Assert.False(beforePause);
        Assert.Contains("\"content\":\"Hello\"", System.Text.Encoding.UTF8.GetString(buffer, 0, second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChunkDelay_ReaderCancelsDuringAPause_ReadEndsWithCancellation()
    {
        using var mock = new MockClient("{chunk_delay_ms: 600000}", new FakeTimeProvider());
        using var response = await mock.PostAsync("/chat/completions", MockClient.Chat("hi", ",\"stream\":true"));
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var first = await stream.ReadAsync(buffer);
        using var cancel = new CancellationTokenSource();

        var reading = stream.ReadAsync(buffer, cancel.Token).AsTask();
        await cancel.CancelAsync();

        Assert.True(first > 0);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }
}
