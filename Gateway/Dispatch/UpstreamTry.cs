using System.Diagnostics;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Routing;

namespace Gateway.Dispatch;

/// <summary>
/// One try of one candidate as the stages see it: where it goes, its time limit, when it started, and who wants to hear how it ended.
/// It ends once: when the try returns, or for a stream whose first event arrived, when the stream does.
/// </summary>
internal sealed class UpstreamTry
{
    private readonly TimeProvider _time;
    private ITryObserver? _first;
    private ITryObserver? _second;
    private ITryObserver? _third;

    public UpstreamTry(
        string operation, Candidate candidate, DispatchRecord record, TryLimit limit, TimeProvider time, CancellationToken aborted, bool probe = false)
    {
        IsProbe = probe;
        _time = time;
        Operation = operation;
        Candidate = candidate;
        Record = record;
        Limit = limit;
        Aborted = aborted;
        Number = record.Attempts.Count + 1;
        Started = time.GetTimestamp();
    }

    public string Operation { get; }

    public Candidate Candidate { get; }

    public DispatchRecord Record { get; }

    /// <summary>The try's time limit, for messages.</summary>
    public TryLimit Limit { get; }

    /// <summary>The client's token: cancelled when it leaves, which is no failure of the upstream's.</summary>
    public CancellationToken Aborted { get; }

    /// <summary>This try is the endpoint's one half-open probe: it must leave a verdict, or give the probe back.</summary>
    public bool IsProbe { get; }

    /// <summary>This try's number among the request's attempts (1-based).</summary>
    public int Number { get; }

    public long Started { get; }

    public TimeSpan Elapsed => _time.GetElapsedTime(Started);

    /// <summary>The try's span, while it is open.</summary>
    public Activity? Activity { get; set; }

    /// <summary>The finished attempt, once the try has ended.</summary>
    public Attempt? Ended { get; private set; }

    /// <summary>Asks to hear how the try ends; the last to ask hears first (stages unwind inside out).</summary>
    public void Observe(ITryObserver observer)
    {
        if (_first is null)
        {
            _first = observer;
        }
        else if (_second is null)
        {
            _second = observer;
        }
        else if (_third is null)
        {
            _third = observer;
        }
        else
        {
            throw new InvalidOperationException("A try has room for three observers; add a slot for a fourth stage.");
        }
    }

    /// <summary>True when the try ended because the client left before it had an answer (no failure of the upstream's).</summary>
    public bool Abandoned { get; private set; }

    /// <summary>Ends a try the client left before it had an answer: recorded as sent, with no failure, and <see cref="Abandoned"/>.</summary>
    public Attempt Abandon()
    {
        Abandoned = Ended is null;
        return End(null);
    }

    /// <summary>Ends the try (once; later calls return the same attempt) and tells its observers.</summary>
    public Attempt End(UpstreamFailure? failure, Usage? usage = null, string? model = null)
    {
        if (Ended is { } ended)
        {
            return ended;
        }

        ended = new Attempt(Candidate, failure, Elapsed);
        Ended = ended;
        _third?.Ended(this, ended, usage, model);
        _second?.Ended(this, ended, usage, model);
        _first?.Ended(this, ended, usage, model);
        return ended;
    }
}
