using System.Buffers;
using Gateway.Api;
using Gateway.Backends;
using Gateway.Routing;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Dispatch;

internal sealed partial class ChatDispatcher
{
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> EventEnd => "\n\n"u8;
    private static ReadOnlySpan<byte> Done => "data: [DONE]\n\n"u8;

    /// <summary>
    /// A streamed attempt. Nothing reaches the client until the upstream's first event has arrived, so a failure before it (refused,
    /// error status, silence, an error event) still falls back invisibly. After that the answer is the client's: a later failure ends the
    /// stream with an OpenAI-style error event and no <c>[DONE]</c>, and the plan does not move on.
    /// </summary>
    private async Task<AttemptEnd> TryStreamAsync(HttpContext context, ChatRequest request, Candidate candidate, IBackendProtocol protocol, int attemptNumber, CancellationToken aborted)
    {
        using var deadline = new CancellationTokenSource(timeouts.Attempt, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, deadline.Token);
        var token = linked.Token;
        var committed = false;

        try
        {
            var started = await StartAsync(request, candidate, protocol, token, aborted);
            if (!started.IsSuccess)
            {
                return AttemptEnd.Failed(started.Failure!);
            }

            using var response = started.Value!;
            await using var events = protocol.ReadChatStreamAsync(response, request, candidate, token).GetAsyncEnumerator(token);

            var any = await events.MoveNextAsync();
            if (any && events.Current.Failure is { } early)
            {
                return AttemptEnd.Failed(early);
            }

            Commit(context, candidate, attemptNumber);
            committed = true;
            var body = context.Response.BodyWriter;

            while (any)
            {
                var chunk = events.Current;
                if (chunk.Failure is { } failure)
                {
                    await WriteErrorEventAsync(body, failure, aborted);
                    return AttemptEnd.BrokenAfterCommit(failure);
                }

                body.Write(DataPrefix);
                body.Write(chunk.Data.Span);
                body.Write(EventEnd);
                await body.FlushAsync(aborted);

                deadline.CancelAfter(timeouts.StreamIdle);
                any = await events.MoveNextAsync();
            }

            body.Write(Done);
            await body.FlushAsync(aborted);
            return AttemptEnd.Success;
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
            return await EndAsync(context, committed, failure, aborted);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidDataException)
        {
            var failure = new UpstreamFailure { Kind = FailureKind.Protocol, Message = $"the stream was cut off: {UpstreamClient.Describe(e)}" };
            return await EndAsync(context, committed, failure, aborted);
        }
        catch (UnsupportedRequestException e)
        {
            return AttemptEnd.Failed(Unsupported(e));
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

    private static async Task<AttemptEnd> EndAsync(HttpContext context, bool committed, UpstreamFailure failure, CancellationToken aborted)
    {
        if (!committed)
        {
            return AttemptEnd.Failed(failure);
        }

        await WriteErrorEventAsync(context.Response.BodyWriter, failure, aborted);
        return AttemptEnd.BrokenAfterCommit(failure);
    }

    private static async Task WriteErrorEventAsync(System.IO.Pipelines.PipeWriter body, UpstreamFailure failure, CancellationToken aborted)
    {
        var status = failure.StatusCode ?? 502;
        var error = new ApiError(status >= 400 ? status : 502, $"The upstream failed after the answer had started: {failure.Message}", null, failure.Code ?? "upstream_error");
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
