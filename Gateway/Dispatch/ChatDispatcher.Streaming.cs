using System.Buffers;
using System.IO.Pipelines;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Surfaces;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Dispatch;

internal sealed partial class ChatDispatcher
{
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;

    internal TimeProvider Time => time;

    /// <summary>
    /// Streams a chat answer as OpenAI SSE. Nothing reaches the client until an upstream's first event has arrived: sending and waiting
    /// for that event is what the resilience pipeline covers (timeout, retries), so a failure before it (refused, error status, silence,
    /// an error event) is retried or falls back invisibly. After that the answer is the client's: only the idle timeout applies between
    /// events, and a failure ends the stream with an OpenAI-style error event and no <c>[DONE]</c>; the plan does not move on.
    /// </summary>
    public async Task StreamAsync(HttpContext context, ChatRequest request, RoutePlan plan, DispatchOptions? options = null)
    {
        if (!TryGetOptions(context, ref options, out var invalid))
        {
            await WriteErrorAsync(context, invalid);
            return;
        }

        var aborted = context.RequestAborted;
        var record = DispatchRecord.For(context, Operation);
        record.RequestedModel ??= request.Model;
        var fit = FitContext(request, plan, options!);
        if (fit?.Error is { } tooLong)
        {
            GatewayTelemetry.RecordRequest(Operation, plan.Candidates.Count > 0 ? plan.Candidates[0] : null, "rejected");
            await WriteErrorAsync(context, tooLong);
            return;
        }

        using var truncated = fit?.Truncated;
        if (fit?.Truncation is { } truncation)
        {
            context.Response.Headers[TruncatedHeader] = truncation;
        }

        var prompt = truncated ?? request;
        var walk = new PlanWalk(plan, fit?.Candidates ?? plan.Candidates, fit?.Notes, options!, time);
        foreach (var candidate in walk.Candidates)
        {
            if (!walk.Admit(health, candidate, out var probe))
            {
                continue;
            }

            var limits = candidate.Limits.With(options!.Tool);
            await using var attempt = new StreamTry(this, prompt, candidate, protocols.For(candidate.Backend.Kind), record, limits, aborted);
            var failure = await runner.RunAsync(candidate, limits, walk.Deadline, probe, attempt, static (a, limit, token) => a.StartAsync(limit, token), aborted);
            if (failure is null)
            {
                await ServeAsync(context, attempt, record);
                return;
            }

            aborted.ThrowIfCancellationRequested();
            if (FailureClass.StopsThePlan(failure))
            {
                GatewayTelemetry.RecordRequest(Operation, candidate, "rejected");
                GatewayHeaders.Set(context.Response, candidate.Backend.Name, candidate.Model, record.Attempts.Count);
                await OpenAiErrorWriter.WriteAsync(context.Response, ClientError(failure));
                return;
            }

            GatewayTelemetry.RecordFallback(candidate, GatewayTelemetry.ErrorType(failure)!);
        }

        var outcome = Failed(record, walk);
        GatewayHeaders.Set(context.Response, outcome.Candidate?.Backend.Name, outcome.Candidate?.Model, outcome.Attempts);
        await OpenAiErrorWriter.WriteAsync(context.Response, outcome.Error!);
    }

    /// <summary>
    /// Commits the response to the attempt whose first event arrived, forwards its events, and records how it ended. A stream the client
    /// left is recorded too, with the usage seen so far, so that its log line and <c>/usage</c> say where it went and what it used;
    /// the endpoint's health hears nothing of it (it had answered), and, as for every request the client left, no <c>gateway.requests</c>
    /// outcome is counted.
    /// </summary>
    private async Task ServeAsync(HttpContext context, StreamTry attempt, DispatchRecord record)
    {
        var candidate = attempt.Candidate;
        var number = record.Attempts.Count + 1;
        record.TimeToFirstEvent = attempt.TimeToFirstEvent;
        GatewayTelemetry.RecordFirstEvent(candidate, attempt.TimeToFirstEvent);
        Commit(context, candidate, number);

        var (failure, usage, clientLeft) = await attempt.ForwardAsync(context.Response.BodyWriter);
        if (failure is not null)
        {
            runner.Report(candidate, failure);
        }

        var ended = attempt.End(failure, usage);
        record.Served(candidate, usage);
        LogServed(ended, number);
        if (!clientLeft)
        {
            GatewayTelemetry.RecordRequest(Operation, candidate, failure is null ? "success" : "broken");
        }
    }

    private static void Commit(HttpContext context, Candidate candidate, int attemptNumber)
    {
        var response = context.Response;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        GatewayHeaders.Set(response, candidate.Backend.Name, candidate.Model, attemptNumber);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Ends a committed stream with an OpenAI-style error event; a configured secret the upstream quoted is masked.</summary>
    internal async Task WriteErrorEventAsync(PipeWriter body, UpstreamFailure failure, CancellationToken aborted)
    {
        var status = failure.StatusCode is >= 400 ? failure.StatusCode.Value : 502;
        var error = redactor.Redact(new ApiError(status, $"The upstream failed after the answer had started: {failure.Message}", null, failure.Code ?? "upstream_error"));
        body.Write(DataPrefix);
        body.Write(OpenAiErrorWriter.Serialize(error));
        body.Write(EventEnd);
        try
        {
            await body.FlushAsync(aborted);
        }
        catch (OperationCanceledException)
        {
            // The client left as well; there is no one to tell.
        }
    }
}
