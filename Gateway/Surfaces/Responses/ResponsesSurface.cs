using System.Text.Json;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Redaction;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Surfaces.Responses;

/// <summary>
/// The OpenAI Responses API (<c>POST /v1/responses</c>): answers as a Response object, streams as the Responses event sequence
/// (<see cref="ResponsesStreamEncoder"/>), errors as OpenAI's error JSON (inside a stream, as an <c>error</c> event). The adapters
/// answer in Chat Completions shapes, which this surface re-reads; an OpenAI backend's own answer and events
/// (<see cref="NativeRequest"/>) are passed on as they came. A finished answer is kept when the client asked for <c>store</c>, before
/// its last byte goes out, so a <c>previous_response_id</c> sent the moment it arrives finds it.
/// </summary>
internal sealed class ResponsesSurface(SecretRedactor redactor) : IChatSurface
{
    public string Name => "responses";

    public async Task WriteAnswerAsync(HttpResponse response, ChatCompletion completion, CancellationToken cancellationToken)
    {
        var turn = TurnOf(response);
        if (completion.Protocol == NativeRequest.OpenAiResponses)
        {
            PassAnswerHeaders(response);
            if (IdOf(completion.Json.Span) is { } id)
            {
                turn.Keep(id, completion.Json.Span, response.Headers[GatewayHeaders.Backend]);
            }

            await WriteJsonAsync(response, completion.Json, cancellationToken);
            return;
        }

        IgnoredFields.Tell(response);
        if (ResponseAnswerWriter.Write(completion, turn, InputEstimate(response)) is not { } json)
        {
            await WriteErrorAsync(response, new ApiError(502, "The upstream's answer is not a chat completion the gateway can read.", null, "upstream_error"));
            return;
        }

        turn.Keep(turn.Id, json, response.Headers[GatewayHeaders.Backend]);
        await WriteJsonAsync(response, json, cancellationToken);
    }

    public Task WriteErrorAsync(HttpResponse response, ApiError error)
    {
        IgnoredFields.Tell(response);
        return OpenAiErrorWriter.WriteAsync(response, error);
    }

    public IChatStreamEncoder StartStream(HttpResponse response)
    {
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        return new ResponsesStreamEncoder(redactor, TurnOf(response), InputEstimate(response), response); // one per stream
    }

    /// <summary>The upstream's <c>x-request-id</c>, <c>openai-*</c> and <c>x-ratelimit-*</c> headers, for an answer it gave in this protocol.</summary>
    internal static void PassAnswerHeaders(HttpResponse response)
    {
        foreach (var (name, value) in response.HttpContext.Features.Get<NativeRequest>()?.AnswerHeaders ?? [])
        {
            response.Headers[name] = value;
        }
    }

    /// <summary>
    /// The Response a native stream's terminal event (<c>response.completed</c> or <c>response.incomplete</c>) carries, with its id;
    /// null for every other event.
    /// </summary>
    internal static (string Id, byte[] Json)? FinishedResponse(ReadOnlySpan<byte> frame)
    {
        var head = frame[..Math.Min(frame.Length, 96)];
        if (head.IndexOf("response.completed"u8) < 0 && head.IndexOf("response.incomplete"u8) < 0)
        {
            return null;
        }

        var data = frame.IndexOf("data:"u8);
        if (data < 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(frame[(data + 5)..].ToArray());
            if (document.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("response", out var finished)
                && finished.ValueKind == JsonValueKind.Object && ChatChunkReader.String(finished, "id") is { } id)
            {
                return (id, JsonSerializer.SerializeToUtf8Bytes(finished));
            }
        }
        catch (JsonException)
        {
            // passed on as it came; it is only not kept
        }

        return null;
    }

    private static string? IdOf(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object ? ChatChunkReader.String(document.RootElement, "id") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ResponsesTurn TurnOf(HttpResponse response) =>
        response.HttpContext.Features.Get<ResponsesTurn>() ?? throw new InvalidOperationException("A Responses answer needs its turn.");

    private static async Task WriteJsonAsync(HttpResponse response, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, cancellationToken);
    }

    private static int InputEstimate(HttpResponse response) =>
        (int)Math.Clamp(TokenEstimator.FromBytes(response.HttpContext.Request.ContentLength ?? 0), 1, int.MaxValue);
}
