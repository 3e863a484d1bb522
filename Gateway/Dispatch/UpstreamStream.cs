using System.IO.Pipelines;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Surfaces;

namespace Gateway.Dispatch;

/// <summary>
/// A streamed answer whose first event has arrived, read with a token of its own: the client's, and the idle timeout
/// (<c>stream_idle_timeout_seconds</c>), which runs while the gateway waits for the upstream's next event and is stopped while that
/// event is written to the client; and the request's deadline (<c>max_request_seconds</c>, or the client's budget), which ends even an
/// upstream that never stops. It owns the upstream response and ends its try when it ends.
/// </summary>
internal sealed class UpstreamStream : IUpstreamAnswer, IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly UpstreamTry _attempt;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenSource _stream;
    private IAsyncEnumerator<ChatChunk>? _events;
    private bool _any;

    public UpstreamStream(HttpResponseMessage response, UpstreamTry attempt, TimeProvider time)
    {
        _response = response;
        _attempt = attempt;
        _time = time;
        _idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _stream = CancellationTokenSource.CreateLinkedTokenSource(attempt.Aborted, _idle.Token, _deadline.Token);
    }

    /// <summary>The token the upstream's events are read with.</summary>
    public CancellationToken Token => _stream.Token;

    public UpstreamTry Attempt => _attempt;

    /// <summary>From the start of the try to its first event.</summary>
    public TimeSpan TimeToFirstEvent { get; private set; }

    public Usage? Usage { get; private set; }

    public string? Model => null;

    public bool EndsLater => true;

    /// <summary>Waits for the first event under the try's token; returns the upstream's failure if that event is one.</summary>
    public async Task<UpstreamFailure?> OpenAsync(IAsyncEnumerable<ChatChunk> events, CancellationToken tryToken)
    {
        using (tryToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _stream))
        {
            _events = events.GetAsyncEnumerator(_stream.Token);
            _any = await _events.MoveNextAsync();
        }

        TimeToFirstEvent = _attempt.Elapsed;
        return _any && _events.Current.Failure is { } early ? early : null;
    }

    /// <summary>
    /// Writes the first event and every later one to <paramref name="body"/> in the client's protocol, and ends the try with how the
    /// stream ended. A client that left is no failure (the upstream did nothing wrong, and no one is told): <c>ClientLeft</c> says so.
    /// </summary>
    public async Task<(Attempt Attempt, bool ClientLeft)> ForwardAsync(PipeWriter body, IChatStreamEncoder encoder, TimeSpan idle, RequestDeadline deadline)
    {
        if (deadline.Left(_time) is { } left)
        {
            _deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        var (failure, clientLeft) = await RelayAsync(body, encoder, idle, deadline);
        return (_attempt.End(failure, Usage), clientLeft);
    }

    public async ValueTask DisposeAsync()
    {
        if (_events is not null)
        {
            try
            {
                await _events.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
            {
                // The stream is being abandoned; how its reader ends no longer matters.
            }

            _events = null;
        }

        _response.Dispose();
        _stream.Dispose();
        _deadline.Dispose();
        _idle.Dispose();
    }

    private async Task<(UpstreamFailure? Failure, bool ClientLeft)> RelayAsync(PipeWriter body, IChatStreamEncoder encoder, TimeSpan idle, RequestDeadline deadline)
    {
        var aborted = _attempt.Aborted;
        try
        {
            var any = _any;
            while (any)
            {
                var chunk = _events!.Current;
                if (chunk.Failure is { } failure)
                {
                    return (await FailAsync(body, encoder, failure), false);
                }

                Usage = chunk.Usage ?? Usage;
                _attempt.Record.Generated(chunk.GeneratedCharacters);
                if (!chunk.Data.IsEmpty)
                {
                    encoder.WriteEvent(body, chunk);
                    if ((await body.FlushAsync(aborted)).IsCompleted)
                    {
                        return (null, true);
                    }
                }

                // The idle budget covers the wait for the upstream's next event only; a client slow to take the last one is not the
                // upstream's silence.
                _idle.CancelAfter(idle);
                any = await NextAsync(body, encoder);
                _idle.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            encoder.WriteEnd(body);
            await body.FlushAsync(aborted);
            return (null, false);
        }
        catch (Exception e) when (aborted.IsCancellationRequested && e is OperationCanceledException or IOException or HttpRequestException)
        {
            return (null, true);
        }
        catch (OperationCanceledException) when (_deadline.IsCancellationRequested)
        {
            var failure = new UpstreamFailure
            {
                Kind = FailureKind.Timeout,
                StatusCode = 504,
                Code = "request_timeout",
                Message = $"the answer was still streaming when {deadline.Describe()} ran out",
                OutOfRequestTime = true,
            };
            return (await FailAsync(body, encoder, failure), false);
        }
        catch (OperationCanceledException)
        {
            var failure = new UpstreamFailure
            {
                Kind = FailureKind.Timeout,
                Message = $"the upstream went silent for {TryLimit.Seconds(idle)} s in the middle of the answer",
            };
            return (await FailAsync(body, encoder, failure), false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
        {
            var failure = new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the stream was cut off: {UpstreamClient.Describe(e)}" };
            return (await FailAsync(body, encoder, failure), false);
        }
    }

    /// <summary>
    /// The upstream's next event. While it is silent, the client is sent the surface's keep-alive every
    /// <see cref="IChatStreamEncoder.KeepAliveAfter"/>; an event already there is taken at once, with no timer.
    /// </summary>
    private async ValueTask<bool> NextAsync(PipeWriter body, IChatStreamEncoder encoder)
    {
        var next = _events!.MoveNextAsync();
        if (next.IsCompleted || encoder.KeepAliveAfter is not { } every)
        {
            return await next;
        }

        var arriving = next.AsTask();
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(_stream.Token);
        while (true)
        {
            var tick = Task.Delay(every, _time, quiet.Token);
            if (await Task.WhenAny(arriving, tick) == arriving)
            {
                await quiet.CancelAsync();
                return await arriving;
            }

            if (tick.IsCanceled)
            {
                return await arriving; // the stream's token fired: the read ends with it
            }

            encoder.WriteKeepAlive(body);
            try
            {
                await body.FlushAsync(_attempt.Aborted);
            }
            catch (OperationCanceledException)
            {
                // The client left; the pending read ends with the stream's token, on the next turn.
            }
        }
    }

    /// <summary>Ends a committed stream with the surface's error event.</summary>
    private async Task<UpstreamFailure> FailAsync(PipeWriter body, IChatStreamEncoder encoder, UpstreamFailure failure)
    {
        var status = failure.StatusCode is >= 400 ? failure.StatusCode.Value : 502;
        encoder.WriteError(body, new ApiError(status, $"The upstream failed after the answer had started: {failure.Message}", null, failure.Code ?? "upstream_error")
        {
            WireError = failure.WireError,
        });
        try
        {
            await body.FlushAsync(_attempt.Aborted);
        }
        catch (OperationCanceledException)
        {
            // The client left as well; there is no one to tell.
        }

        return failure;
    }
}
