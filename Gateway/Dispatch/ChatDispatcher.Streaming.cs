using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Surfaces;
using Gateway.Telemetry;

namespace Gateway.Dispatch;

internal sealed partial class ChatDispatcher
{
    /// <summary>
    /// Streams a chat answer. Nothing reaches the client until an upstream's first event has arrived: sending and waiting for that
    /// event is what the resilience pipeline covers (timeout, retries), so a failure before it (refused, error status, silence, an
    /// error event) is retried or falls back invisibly. After that the answer is the client's: only the idle timeout applies between
    /// events, and a failure ends the stream with the surface's error event; the plan does not move on.
    /// </summary>
    private async Task StreamAsync(HttpContext context, IChatSurface surface, ChatRequest request, RoutePlan plan, DispatchOptions options)
    {
        var record = DispatchRecord.For(context, Operation);
        record.RequestedModel ??= request.Model;
        var http = context.Response;
        var fit = FitContext(request, plan, options);
        if (fit?.Error is { } tooLong)
        {
            Rejected(plan, tooLong);
            GatewayHeaders.Set(http, null, null, 0);
            await surface.WriteErrorAsync(http, tooLong);
            return;
        }

        using var truncated = fit?.Truncated;
        if (fit?.Truncation is { } truncation)
        {
            http.Headers[TruncatedHeader] = truncation;
        }

        var walk = new PlanWalk(plan, fit?.Candidates ?? plan.Candidates, fit?.Notes, options, time);
        var operation = new ChatStreamOperation(truncated ?? request, protocols, time);
        var outcome = await walk.RunAsync(runner, health, operation, record, context.RequestAborted);
        if (!outcome.IsSuccess)
        {
            GatewayHeaders.Set(http, outcome.Candidate?.Backend.Name, outcome.Candidate?.Model, record.Attempts.Count);
            await surface.WriteErrorAsync(http, outcome.Error!);
            return;
        }

        await using var stream = outcome.Answer!;
        await ServeAsync(context, surface, stream, options, walk.Deadline);
    }

    /// <summary>
    /// Commits the response to the stream whose first event arrived, forwards its events, and records how it ended. A stream the
    /// client left is recorded too, with the usage seen so far, so that its log line and <c>/usage</c> say where it went and what it
    /// used; the endpoint's health hears nothing of it (it had answered), and <c>gateway.requests</c> counts it as <c>aborted</c>.
    /// </summary>
    private async Task ServeAsync(HttpContext context, IChatSurface surface, UpstreamStream stream, DispatchOptions options, RequestDeadline deadline)
    {
        var candidate = stream.Attempt.Candidate;
        var record = stream.Attempt.Record;
        var number = stream.Attempt.Number;
        record.TimeToFirstEvent = stream.TimeToFirstEvent;
        GatewayTelemetry.RecordFirstEvent(candidate, stream.TimeToFirstEvent);
        GatewayHeaders.Set(context.Response, candidate.Backend.Name, candidate.Model, number);
        var encoder = surface.StartStream(context.Response);

        var (ended, clientLeft) = await stream.ForwardAsync(context.Response.BodyWriter, encoder, candidate.Limits.With(options.Tool).StreamIdle, deadline);
        record.Served(candidate, stream.Usage);
        LogServed(ended, number);
        GatewayTelemetry.RecordRequest(Operation, candidate, clientLeft ? "aborted" : ended.Failure is null ? "success" : "broken");
    }
}
