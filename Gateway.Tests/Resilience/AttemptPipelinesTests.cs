using Gateway.Backends;
using Gateway.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Resilience;

/// <summary>The Polly pipeline every attempt runs in, on fake time: the timeout of each try, the retry of transient failures, Retry-After.</summary>
public sealed class AttemptPipelinesTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly AttemptPipelines _pipelines;
    private readonly List<DateTimeOffset> _tries = [];
    private DateTimeOffset? _cancelledAt;

    public AttemptPipelinesTests()
    {
        _pipelines = new AttemptPipelines(_clock);
    }

    private static UpstreamFailure Status(int status, TimeSpan? retryAfter = null) =>
        new() { Kind = FailureKind.Status, StatusCode = status, Message = $"HTTP {status}", RetryAfter = retryAfter };

    private static UpstreamFailure TimedOut => new() { Kind = FailureKind.Timeout, Message = "timed out" };

    /// <summary>A try that answers with the next scripted result (null: success), or, for <see cref="Hang"/>, waits for its token.</summary>
    private Func<Queue<UpstreamFailure?>, CancellationToken, Task<UpstreamFailure?>> Scripted => async (script, token) =>
    {
        _tries.Add(_clock.GetUtcNow());
        var next = script.Dequeue();
        if (!ReferenceEquals(next, Hang))
        {
            return next;
        }

        var cancelled = new TaskCompletionSource();
        await using (token.Register(() =>
        {
            _cancelledAt ??= _clock.GetUtcNow();
            cancelled.TrySetResult();
        }))
        {
            await cancelled.Task;
        }

        return TimedOut;
    };

    private static readonly UpstreamFailure Hang = new() { Kind = FailureKind.Timeout, Message = "(hangs)" };

    /// <summary>
    /// Moves fake time forward in small steps until <paramref name="run"/> ends, so timers created late still fire. Fake time may run
    /// ahead while continuations catch up, so tests read the moments recorded when things happened, not the clock at the end.
    /// </summary>
    private async Task<UpstreamFailure?> DriveAsync(Task<UpstreamFailure?> run, TimeSpan step, TimeSpan most)
    {
        var moved = TimeSpan.Zero;
        while (!run.IsCompleted && moved <= most)
        {
            await Task.Delay(1);
            _clock.Advance(step);
            moved += step;
        }

        return await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private Task<UpstreamFailure?> Run(int retries, RequestDeadline deadline, params UpstreamFailure?[] script) =>
        _pipelines.RunAsync(retries, Limit, deadline, new Queue<UpstreamFailure?>(script), Scripted, CancellationToken.None);

    [Fact]
    public async Task RunAsync_TryHangs_TimesOutAtTheLimitOnFakeTime()
    {
        var started = _clock.GetUtcNow();

        var failure = await DriveAsync(Run(0, RequestDeadline.None, Hang), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60));

        Assert.Equal(FailureKind.Timeout, failure!.Kind);
        Assert.InRange(_cancelledAt!.Value - started, Limit, Limit + TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task RunAsync_TransientThenSuccess_RetriedOnceAndSucceeds()
    {
        var failure = await DriveAsync(Run(1, RequestDeadline.None, Status(503), null), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10));

        Assert.Null(failure);
        Assert.Equal(2, _tries.Count);
    }

    [Fact]
    public async Task RunAsync_TransientEveryTime_StopsAfterMaxRetries()
    {
        var failure = await DriveAsync(Run(2, RequestDeadline.None, Status(500), Status(502), Status(504)), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));

        Assert.Equal(504, failure!.StatusCode);
        Assert.Equal(3, _tries.Count);
    }

    [Fact]
    public async Task RunAsync_RetryAfterWithinTheLimit_WaitsExactlyThatLongBeforeRetrying()
    {
        var failure = await DriveAsync(Run(1, RequestDeadline.None, Status(429, TimeSpan.FromSeconds(2)), null), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10));

        Assert.Null(failure);
        Assert.InRange(_tries[1] - _tries[0], TimeSpan.FromSeconds(2), Limit);
    }

    [Fact]
    public async Task RunAsync_RetryAfterLongerThanTheLimit_NoRetry()
    {
        var failure = await Run(3, RequestDeadline.None, Status(429, TimeSpan.FromSeconds(30)), null);

        Assert.Equal(429, failure!.StatusCode);
        Assert.Single(_tries);
    }

    [Fact]
    public async Task RunAsync_RetryAfterBeyondTheDeadline_NoRetry()
    {
        var deadline = RequestDeadline.After(TimeSpan.FromSeconds(1), _clock);

        var failure = await Run(3, deadline, Status(429, TimeSpan.FromSeconds(2)), null);

        Assert.Equal(429, failure!.StatusCode);
        Assert.Single(_tries);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task RunAsync_NotTransient_NoRetry(int status)
    {
        var failure = await Run(3, RequestDeadline.None, Status(status), null);

        Assert.Equal(status, failure!.StatusCode);
        Assert.Single(_tries);
    }

    [Fact]
    public async Task RunAsync_GarbageAnswer_NoRetry()
    {
        var failure = await Run(3, RequestDeadline.None, new UpstreamFailure { Kind = FailureKind.Protocol, Message = "HTML" }, null);

        Assert.Equal(FailureKind.Protocol, failure!.Kind);
        Assert.Single(_tries);
    }

    [Fact]
    public async Task RunAsync_DeadlineShorterThanTheLimit_TryEndsAtTheDeadline()
    {
        var started = _clock.GetUtcNow();
        var deadline = RequestDeadline.After(TimeSpan.FromSeconds(1), _clock);

        var failure = await DriveAsync(Run(3, deadline, Hang, Hang), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(60));

        Assert.Equal(FailureKind.Timeout, failure!.Kind);
        Assert.Single(_tries);
        Assert.InRange(_cancelledAt!.Value - started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.05));
    }

    [Fact]
    public async Task RunAsync_ClientAborts_CancellationPropagatesWithoutRetry()
    {
        using var aborted = new CancellationTokenSource();
        var run = _pipelines.RunAsync(3, Limit, RequestDeadline.None, new Queue<UpstreamFailure?>([Hang, null]), Scripted, aborted.Token);
        while (_tries.Count == 0)
        {
            await Task.Yield();
        }

        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(_tries);
    }

    [Theory]
    [InlineData("Connect", null, true)]
    [InlineData("Timeout", null, true)]
    [InlineData("Status", 408, true)]
    [InlineData("Status", 429, true)]
    [InlineData("Status", 500, true)]
    [InlineData("Status", 502, true)]
    [InlineData("Status", 503, true)]
    [InlineData("Status", 504, true)]
    [InlineData("Status", 529, true)]
    [InlineData("Status", 501, false)]
    [InlineData("Status", 413, false)]
    [InlineData("Status", 403, false)]
    [InlineData("Protocol", null, false)]
    [InlineData("MissingKey", null, false)]
    public void IsTransient_TheIssuesList(string kind, int? status, bool transient)
    {
        var failure = new UpstreamFailure { Kind = Enum.Parse<FailureKind>(kind), StatusCode = status, Message = "x" };

        Assert.Equal(transient, FailureClass.IsTransient(failure));
    }
}
