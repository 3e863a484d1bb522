using System.Runtime.InteropServices;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Redaction;

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
            SurfaceAnswers.PassUpstreamHeaders(response);
            if (turn.Keeps && IdOf(completion.Json) is { } id)
            {
                turn.Keep(id, completion.Json.Span, response.Headers[GatewayHeaders.Backend]);
            }

            await SurfaceAnswers.WriteJsonAsync(response, completion.Json, cancellationToken);
            return;
        }

        IgnoredFields.Tell(response);
        if (ResponseAnswerWriter.Write(completion, turn, InputEstimate(response)) is not { } json)
        {
            await WriteErrorAsync(response, new ApiError(502, "The upstream's answer is not a chat completion the gateway can read.", null, "upstream_error"));
            return;
        }

        turn.Keep(turn.Id, json, response.Headers[GatewayHeaders.Backend]);
        await SurfaceAnswers.WriteJsonAsync(response, json, cancellationToken);
    }

    public Task WriteErrorAsync(HttpResponse response, ApiError error)
    {
        // When every try failed alike at an OpenAI upstream, the client hears its status and its own words.
        var upstreamWords = error.WireError is { } wire && IsErrorBody(wire);
        if (upstreamWords)
        {
            SurfaceAnswers.PassUpstreamHeaders(response);
        }
        else
        {
            IgnoredFields.Tell(response);
        }

        return OpenAiErrorWriter.WriteAsync(response, error, upstreamWords);
    }

    public IChatStreamEncoder StartStream(HttpResponse response)
    {
        SurfaceAnswers.StartEventStream(response, "text/event-stream; charset=utf-8");
        return new ResponsesStreamEncoder(redactor, TurnOf(response), InputEstimate(response), response); // one per stream
    }

    /// <summary>
    /// The Response a native stream's terminal event (<c>response.completed</c> or <c>response.incomplete</c>) carries, with its id;
    /// null for every other event.
    /// </summary>
    internal static (string Id, byte[] Json)? FinishedResponse(ReadOnlyMemory<byte> frame)
    {
        var head = frame.Span[..Math.Min(frame.Length, 96)];
        if (head.IndexOf("response.completed"u8) < 0 && head.IndexOf("response.incomplete"u8) < 0)
        {
            return null;
        }

        var data = frame.Span.IndexOf("data:"u8);
        if (data < 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(frame[(data + 5)..]);
            if (document.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("response", out var finished)
                && finished.ValueKind == JsonValueKind.Object && ChatChunkReader.String(finished, "id") is { } id)
            {
                return (id, JsonMarshal.GetRawUtf8Value(finished).ToArray());
            }
        }
        catch (JsonException)
        {
            // passed on as it came; it is only not kept
        }

        return null;
    }

    /// <summary>True for an error answer's body (<c>{"error":{...}}</c>), false for a stream's error event kept the same way.</summary>
    private static bool IsErrorBody(string wire)
    {
        try
        {
            using var document = JsonDocument.Parse(wire);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("error", out _) && !root.TryGetProperty("type", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? IdOf(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object ? ChatChunkReader.String(document.RootElement, "id") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ResponsesTurn TurnOf(HttpResponse response) =>
        response.HttpContext.Features.Get<ResponsesTurn>() ?? throw new InvalidOperationException("A Responses answer needs its turn.");

    private static int InputEstimate(HttpResponse response) => ReportedUsage.EstimateInput(response.HttpContext.Request.ContentLength);
}
