using System.Buffers;
using System.IO.Pipelines;
using Gateway.Api;
using Gateway.Backends;
using Gateway.Routing;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Dispatch;

internal sealed partial class ChatDispatcher
{
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;
    private static ReadOnlySpan<byte> Done => "data: [DONE]\n\n"u8;

    /// <summary>
    /// Streams a chat answer as OpenAI SSE. Nothing reaches the client until an upstream's first event has arrived, so a failure before
    /// it (refused, error status, silence, an error event) still falls back invisibly. After that the answer is the client's: a later
    /// failure ends the stream with an OpenAI-style error event and no <c>[DONE]</c>, and the plan does not move on.
    /// </summary>
    public async Task StreamAsync(HttpContext context, ChatRequest request, RoutePlan plan)
    {
        var aborted = context.RequestAborted;
        var record = DispatchRecord.For(context, Operation);
        record.RequestedModel ??= request.Model;

        foreach (var candidate in plan.Candidates)
        {
            var protocol = protocols.For(candidate.Backend.Kind);
            var number = record.Attempts.Count + 1;
            var activity = GatewayTelemetry.StartAttempt(Operation, candidate, number, request.Model);
            var started = time.GetTimestamp();
            var ended = await TryStreamAsync(context, request, candidate, protocol, number, record, started, aborted);
            var attempt = new Attempt(candidate, ended.Failure, time.GetElapsedTime(started));
            record.Add(attempt);
            GatewayTelemetry.EndAttempt(activity, Operation, attempt, ended.Usage, null);

            if (ended.Committed)
            {
                record.Served(candidate, ended.Usage);
                LogServed(attempt, number);
                GatewayTelemetry.RecordRequest(Operation, candidate, ended.Failure is null ? "success" : "broken");
                return;
            }

            aborted.ThrowIfCancellationRequested();
            LogAttemptFailed(attempt.Describe());
            if (ended.Failure!.IsClientError)
            {
                GatewayTelemetry.RecordRequest(Operation, candidate, "rejected");
                GatewayHeaders.Set(context.Response, candidate.Backend.Name, candidate.Model, number);
                await OpenAiErrorWriter.WriteAsync(context.Response, ClientError(ended.Failure));
                return;
            }

            GatewayTelemetry.RecordFallback(candidate, GatewayTelemetry.ErrorType(ended.Failure)!);
        }

        var outcome = Failed(record, plan);
        GatewayHeaders.Set(context.Response, outcome.Candidate?.Backend.Name, outcome.Candidate?.Model, outcome.Attempts);
        await OpenAiErrorWriter.WriteAsync(context.Response, outcome.Error!);
    }

    private async Task<StreamEnd> TryStreamAsync(
        HttpContext context, ChatRequest request, Candidate candidate, IBackendProtocol protocol, int attemptNumber, DispatchRecord record, long started, CancellationToken aborted)
    {
        using var deadline = new CancellationTokenSource(timeouts.Attempt, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, deadline.Token);
        var token = linked.Token;
        var committed = false;
        Usage? usage = null;

        try
        {
            var sent = await StartAsync(request, candidate, protocol, token, aborted);
            if (!sent.IsSuccess)
            {
                return StreamEnd.Failed(sent.Failure!);
            }

            using var response = sent.Value!;
            await using var events = protocol.ReadChatStreamAsync(response, request, candidate, token).GetAsyncEnumerator(token);

            var any = await events.MoveNextAsync();
            if (any && events.Current.Failure is { } early)
            {
                return StreamEnd.Failed(early);
            }

            record.TimeToFirstEvent = time.GetElapsedTime(started);
            GatewayTelemetry.RecordFirstEvent(candidate, record.TimeToFirstEvent.Value);
            Commit(context, candidate, attemptNumber);
            committed = true;
            var body = context.Response.BodyWriter;

            while (any)
            {
                var chunk = events.Current;
                if (chunk.Failure is { } failure)
                {
                    await WriteErrorEventAsync(body, failure, aborted);
                    return StreamEnd.Broken(failure, usage);
                }

                usage = chunk.Usage ?? usage;
                if (!chunk.Data.IsEmpty)
                {
                    body.Write(DataPrefix);
                    body.Write(chunk.Data.Span);
                    body.Write(EventEnd);
                    await body.FlushAsync(aborted);
                }

                deadline.CancelAfter(timeouts.StreamIdle);
                any = await events.MoveNextAsync();
            }

            body.Write(Done);
            await body.FlushAsync(aborted);
            return StreamEnd.Success(usage);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            var failure = new UpstreamFailure
            {
                Kind = FailureKind.Timeout,
                Message = committed
                    ? $"the upstream went silent for {timeouts.StreamIdle.TotalSeconds:0} s in the middle of the answer"
                    : $"no first event within {timeouts.Attempt.TotalSeconds:0} s",
            };
            return await EndAsync(context, committed, failure, usage, aborted);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
        {
            var failure = new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the stream was cut off: {UpstreamClient.Describe(e)}" };
            return await EndAsync(context, committed, failure, usage, aborted);
        }
        catch (UnsupportedRequestException e)
        {
            return StreamEnd.Failed(Unsupported(e));
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

    private static async Task<StreamEnd> EndAsync(HttpContext context, bool committed, UpstreamFailure failure, Usage? usage, CancellationToken aborted)
    {
        if (!committed)
        {
            return StreamEnd.Failed(failure);
        }

        await WriteErrorEventAsync(context.Response.BodyWriter, failure, aborted);
        return StreamEnd.Broken(failure, usage);
    }

    private static async Task WriteErrorEventAsync(PipeWriter body, UpstreamFailure failure, CancellationToken aborted)
    {
        var status = failure.StatusCode is >= 400 ? failure.StatusCode.Value : 502;
        var error = new ApiError(status, $"The upstream failed after the answer had started: {failure.Message}", null, failure.Code ?? "upstream_error");
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

    /// <summary>How a streamed attempt ended: committed to the client (whole or broken), or failed before anything was sent.</summary>
    private readonly record struct StreamEnd(bool Committed, UpstreamFailure? Failure, Usage? Usage)
    {
        public static StreamEnd Success(Usage? usage) => new(true, null, usage);

        public static StreamEnd Failed(UpstreamFailure failure) => new(false, failure, null);

        public static StreamEnd Broken(UpstreamFailure failure, Usage? usage) => new(true, failure, usage);
    }
}
