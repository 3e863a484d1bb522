using Gateway.Backends;
using Gateway.Routing;

namespace Gateway.Exchange;

/// <summary>
/// What dispatching one request did — every attempt, who served it, the usage — kept on the request (as an HTTP feature) so that logs,
/// metrics, usage accounting and headers read the facts instead of the dispatcher knowing about each of them.
/// </summary>
internal sealed class DispatchRecord
{
    private readonly List<Attempt> _attempts = [];

    /// <summary><c>chat</c> or <c>embeddings</c> (the GenAI operation name).</summary>
    public required string Operation { get; init; }

    /// <summary>The <c>model</c> string the client sent.</summary>
    public string? RequestedModel { get; set; }

    /// <summary>The named tool this request invoked, if any.</summary>
    public string? Tool { get; set; }

    public IReadOnlyList<Attempt> Attempts => _attempts;

    /// <summary>The candidate that answered, when one did.</summary>
    public Candidate? ServedBy { get; private set; }

    /// <summary>The plan's first candidate, once the walk began: what a request no attempt was sent for (all cooling down) is named by.</summary>
    public Candidate? Planned { get; set; }

    /// <summary>Who served the request, else who was tried last, else who was planned first; null when nothing was.</summary>
    public Candidate? Last => ServedBy ?? (_attempts.Count > 0 ? _attempts[^1].Candidate : Planned);

    /// <summary>Token usage of the answer, when the upstream reported it.</summary>
    public Usage? Usage { get; set; }

    /// <summary>
    /// The characters of generated text the adapters decoded from the answer (content, reasoning, tool-call arguments): a whole answer's,
    /// or a stream's chunks as they were forwarded. Completion tokens are estimated from them when the upstream reports no usage.
    /// </summary>
    public long GeneratedCharacters { get; private set; }

    /// <summary>For streams: from the start of the serving attempt to its first event.</summary>
    public TimeSpan? TimeToFirstEvent { get; set; }

    /// <summary>Time spent on upstreams: every attempt, and the waits before retries (which are the upstream's doing, not the gateway's).</summary>
    public TimeSpan UpstreamTime { get; private set; }

    /// <summary>Counts <paramref name="characters"/> of generated text toward the answer.</summary>
    public void Generated(int characters) => GeneratedCharacters += characters;

    /// <summary>Counts a wait before retrying the same endpoint as upstream time.</summary>
    public void Waited(TimeSpan wait) => UpstreamTime += wait;

    public void Add(Attempt attempt)
    {
        _attempts.Add(attempt);
        UpstreamTime += attempt.Elapsed;
    }

    public void Served(Candidate candidate, Usage? usage)
    {
        ServedBy = candidate;
        Usage = usage ?? Usage;
    }

    /// <summary>The record of <paramref name="context"/>'s request, created on first use.</summary>
    public static DispatchRecord For(HttpContext context, string operation)
    {
        var record = context.Features.Get<DispatchRecord>();
        if (record is null)
        {
            record = new DispatchRecord { Operation = operation };
            context.Features.Set(record);
        }

        return record;
    }
}
