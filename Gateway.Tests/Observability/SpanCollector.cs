using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Gateway.Tests.Observability;

/// <summary>
/// Keeps every span a test gateway's tracer provider finishes. Activity sources are process-wide, so it also sees spans of other tests'
/// gateways: tests pick theirs out by their own stub's address or trace id.
/// </summary>
internal sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _spans = new();

    public IReadOnlyList<Activity> Spans => [.. _spans];

    public override void OnEnd(Activity data) => _spans.Enqueue(data);
}
