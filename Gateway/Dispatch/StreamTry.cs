using System.Buffers;
using System.IO.Pipelines;
using Gateway.Backends;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

/// <summary>
/// One streamed attempt of one candidate. <see cref="StartAsync"/> is what the resilience pipeline runs (and may run again): send,
/// then wait for the first event under the try's timeout. Once it has arrived the stream is read with a token of its own, so the
/// pipeline's timeout no longer applies and only the idle timeout (<c>stream_idle_timeout_seconds</c>) bounds the silences: it runs
/// while the gateway waits for the upstream's next event and is stopped while that event is written to the client.
/// </summary>
internal sealed class StreamTry(
    ChatDispatcher dispatcher, ChatRequest request, Candidate candidate, IBackendProtocol protocol, DispatchRecord record, AttemptLimits limits, CancellationToken aborted)
    : IAsyncDisposable
{
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;
    private static ReadOnlySpan<byte> Done => "data: [DONE]\n\n"u8;

    private readonly TimeProvider _time = dispatcher.Time;
    private System.Diagnostics.Activity? _activity;
    private long _started;
    private CancellationTokenSource? _idle;
    private CancellationTokenSource? _stream;
    private HttpResponseMessage? _response;
    private IAsyncEnumerator<ChatChunk>? _events;
    private bool _any;
    private long? _lastEnded;

    public Candidate Candidate => candidate;

    public TimeSpan TimeToFirstEvent { get; private set; }

    /// <summary>One try: send and read up to the first event. Null when it arrived (the stream is then ready to forward), else the failure.</summary>
    public async Task<UpstreamFailure?> StartAsync(TryLimit limit, CancellationToken token)
    {
        await ReleaseAsync();
        if (_lastEnded is { } ended)
        {
            record.Waited(_time.GetElapsedTime(ended)); // a retry: the pause since the last try was the backoff
        }

        _activity = GatewayTelemetry.StartAttempt(ChatDispatcher.Operation, candidate, record.Attempts.Count + 1, request.Model);
        _started = _time.GetTimestamp();
        _idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        _stream = CancellationTokenSource.CreateLinkedTokenSource(aborted, _idle.Token);
        UpstreamFailure? failure;
        using (token.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _stream))
        {
            failure = await FirstEventAsync(limit, token);
        }

        if (failure is null)
        {
            TimeToFirstEvent = _time.GetElapsedTime(_started);
            return null;
        }

        End(failure, null);
        await ReleaseAsync();
        return failure;
    }

    /// <summary>
    /// Writes the first event and every later one to <paramref name="body"/>; returns how the stream ended, the usage seen so far, and
    /// whether the client left before the end (then there is no failure: the upstream did nothing wrong, and no one is told).
    /// </summary>
    public async Task<(UpstreamFailure? Failure, Usage? Usage, bool ClientLeft)> ForwardAsync(PipeWriter body)
    {
        Usage? usage = null;
        try
        {
            var any = _any;
            while (any)
            {
                var chunk = _events!.Current;
                if (chunk.Failure is { } failure)
                {
                    await WriteErrorAsync(body, failure);
                    return (failure, usage, false);
                }

                usage = chunk.Usage ?? usage;
                record.Generated(chunk.GeneratedCharacters);
                if (!chunk.Data.IsEmpty)
                {
                    body.Write(DataPrefix);
                    body.Write(chunk.Data.Span);
                    body.Write(EventEnd);
                    if ((await body.FlushAsync(aborted)).IsCompleted)
                    {
                        return (null, usage, true);
                    }
                }

                // The idle budget covers the wait for the upstream's next event only; a client slow to take the last one is not the
                // upstream's silence.
                _idle!.CancelAfter(limits.StreamIdle);
                any = await _events.MoveNextAsync();
                _idle.CancelAfter(Timeout.InfiniteTimeSpan);
            }

            body.Write(Done);
            await body.FlushAsync(aborted);
            return (null, usage, false);
        }
        catch (Exception e) when (aborted.IsCancellationRequested && e is OperationCanceledException or IOException or HttpRequestException)
        {
            return (null, usage, true);
        }
        catch (OperationCanceledException)
        {
            var failure = new UpstreamFailure
            {
                Kind = FailureKind.Timeout,
                Message = $"the upstream went silent for {TryLimit.Seconds(limits.StreamIdle)} s in the middle of the answer",
            };
            await WriteErrorAsync(body, failure);
            return (failure, usage, false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
        {
            var failure = new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the stream was cut off: {UpstreamClient.Describe(e)}" };
            await WriteErrorAsync(body, failure);
            return (failure, usage, false);
        }
    }

    /// <summary>Records the attempt (once) with how it ended, and ends its span.</summary>
    public Attempt End(UpstreamFailure? failure, Usage? usage)
    {
        var attempt = new Attempt(candidate, failure, _time.GetElapsedTime(_started));
        record.Add(attempt);
        _lastEnded = _time.GetTimestamp();
        GatewayTelemetry.EndAttempt(_activity, ChatDispatcher.Operation, attempt, usage, null);
        _activity = null;
        if (failure is not null)
        {
            dispatcher.LogAttemptFailed(attempt.Describe());
        }

        return attempt;
    }

    public async ValueTask DisposeAsync()
    {
        _activity?.Dispose();
        _activity = null;
        await ReleaseAsync();
    }

    private async Task<UpstreamFailure?> FirstEventAsync(TryLimit limit, CancellationToken token)
    {
        try
        {
            var sent = await dispatcher.StartAsync(request, candidate, protocol, token, aborted);
            if (!sent.IsSuccess)
            {
                return sent.Failure!.Kind is FailureKind.Timeout ? TimedOut(limit) : sent.Failure;
            }

            _response = sent.Value!;
            _events = protocol.ReadChatStreamAsync(_response, request, candidate, _stream!.Token).GetAsyncEnumerator(_stream.Token);
            _any = await _events.MoveNextAsync();
            return _any && _events.Current.Failure is { } early ? early : null;
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return TimedOut(limit);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
        {
            return new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the stream was cut off: {UpstreamClient.Describe(e)}" };
        }
        catch (UnsupportedRequestException e)
        {
            return ChatDispatcher.Unsupported(e);
        }
    }

    private static UpstreamFailure TimedOut(TryLimit limit) =>
        new() { Kind = FailureKind.Timeout, Message = $"no first event within {limit}" };

    private Task WriteErrorAsync(PipeWriter body, UpstreamFailure failure) => dispatcher.WriteErrorEventAsync(body, failure, aborted);

    private async Task ReleaseAsync()
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

        _response?.Dispose();
        _response = null;
        _stream?.Dispose();
        _stream = null;
        _idle?.Dispose();
        _idle = null;
        _any = false;
    }
}
