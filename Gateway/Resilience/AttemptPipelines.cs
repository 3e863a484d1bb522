using System.Collections.Concurrent;
using Gateway.Backends;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Gateway.Resilience;

/// <summary>
/// The Polly pipelines attempts run in: a retry of transient failures on the same endpoint (outer) around a timeout of each try
/// (inner). A try reports its failure as a value, never as an exception, so retrying costs no throw. One pipeline per retry count,
/// built once; the per-request values (the try's time limit, the request's deadline) travel in the <see cref="ResilienceContext"/>.
/// Time comes from the injected <see cref="TimeProvider"/>, so timeouts and retry waits run on fake time in tests.
/// </summary>
internal sealed class AttemptPipelines(TimeProvider time)
{
    /// <summary>The first retry waits this long (then twice as long each time, with jitter) unless the upstream said how long.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);

    private static readonly ResiliencePropertyKey<TimeSpan> LimitKey = new("gateway.attempt-limit");
    private static readonly ResiliencePropertyKey<RequestDeadline> DeadlineKey = new("gateway.deadline");
    private static readonly ResiliencePropertyKey<RetryRules> RulesKey = new("gateway.retry-rules");
    private static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(1);

    private readonly ConcurrentDictionary<int, ResiliencePipeline<UpstreamFailure?>> _pipelines = new();

    /// <summary>
    /// Runs <paramref name="tryOnce"/> until it succeeds (returns null), fails in a way not worth retrying, or has been retried
    /// <paramref name="maxRetries"/> times; returns the last failure. Each try gets a token that fires at its time limit
    /// (<paramref name="limit"/>, shortened by <paramref name="deadline"/>) or when <paramref name="aborted"/> fires.
    /// Cancellation by <paramref name="aborted"/> propagates.
    /// </summary>
    public Task<UpstreamFailure?> RunAsync<TState>(
        int maxRetries, TimeSpan limit, RequestDeadline deadline, TState state, Func<TState, CancellationToken, Task<UpstreamFailure?>> tryOnce, CancellationToken aborted) =>
        RunAsync(maxRetries, limit, RetryRules.Default, deadline, state, tryOnce, aborted);

    /// <summary>As above, under <paramref name="rules"/>: how long a <c>Retry-After</c> may be waited for, and whether a timeout moves on.</summary>
    public async Task<UpstreamFailure?> RunAsync<TState>(
        int maxRetries,
        TimeSpan limit,
        RetryRules rules,
        RequestDeadline deadline,
        TState state,
        Func<TState, CancellationToken, Task<UpstreamFailure?>> tryOnce,
        CancellationToken aborted)
    {
        var pipeline = _pipelines.GetOrAdd(maxRetries, Build);
        var context = ResilienceContextPool.Shared.Get(aborted);
        context.Properties.Set(LimitKey, limit);
        context.Properties.Set(DeadlineKey, deadline);
        context.Properties.Set(RulesKey, rules);
        try
        {
            return await pipeline.ExecuteAsync(
                static (context, call) => new ValueTask<UpstreamFailure?>(call.TryOnce(call.State, context.CancellationToken)),
                context,
                (State: state, TryOnce: tryOnce));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Whether a failed try is worth another on the same endpoint: it is transient, time is left, the wait the upstream asked for
    /// (<c>Retry-After</c>) is no longer than <see cref="RetryRules.MaxWait"/> and fits in both the try's time limit and what is left of
    /// the deadline, and it did not time out where another endpoint of the pool could take the request instead.
    /// </summary>
    public static bool WorthRetrying(UpstreamFailure failure, TimeSpan limit, TimeSpan? left, RetryRules rules)
    {
        if (!FailureClass.IsTransient(failure) || failure.OutOfRequestTime || left < RequestDeadline.Least)
        {
            return false;
        }

        if (failure.Kind is FailureKind.Timeout && rules.TimeoutMovesOn)
        {
            return false;
        }

        var wait = failure.RetryAfter ?? TimeSpan.Zero;
        return wait <= rules.MaxWait && wait <= limit && (left is null || wait < left);
    }

    private ResiliencePipeline<UpstreamFailure?> Build(int maxRetries)
    {
        var builder = new ResiliencePipelineBuilder<UpstreamFailure?> { TimeProvider = time };
        if (maxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<UpstreamFailure?>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } failure && WorthRetrying(
                    failure,
                    args.Context.Properties.GetValue(LimitKey, TimeSpan.Zero),
                    args.Context.Properties.GetValue(DeadlineKey, RequestDeadline.None).Left(time),
                    args.Context.Properties.GetValue(RulesKey, RetryRules.Default))),
                DelayGenerator = args => ValueTask.FromResult(Delay(args.Outcome.Result?.RetryAfter, args.Context.Properties.GetValue(DeadlineKey, RequestDeadline.None))),
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args =>
            {
                var limit = args.Context.Properties.GetValue(LimitKey, TimeSpan.Zero);
                var capped = args.Context.Properties.GetValue(DeadlineKey, RequestDeadline.None).Cap(limit, time).Time;
                return ValueTask.FromResult(capped > Shortest ? capped : Shortest);
            },
        });

        return builder.Build();
    }

    /// <summary>The upstream's <c>Retry-After</c> when it gave one, else the exponential backoff, never past the deadline.</summary>
    private TimeSpan? Delay(TimeSpan? retryAfter, RequestDeadline deadline)
    {
        if (retryAfter is { } asked)
        {
            return asked;
        }

        return deadline.Left(time) is { } left && left < FirstRetryDelay ? left : null;
    }
}
