using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Redaction;

namespace Gateway.Surfaces.Anthropic;

/// <summary>
/// Anthropic Messages (<c>POST /v1/messages</c>): answers as a <c>message</c> JSON, streams as Anthropic's named events
/// (<see cref="AnthropicStreamEncoder"/>), errors as Anthropic's error JSON (and, inside a stream, as an <c>error</c> event without
/// <c>message_stop</c>). The adapters answer in Chat Completions shapes, which this surface re-reads; an Anthropic backend's own answer,
/// events and errors (<see cref="NativeRequest"/>) are passed on as they came. A translated answer names what the translation left
/// out (<see cref="IgnoredFields"/>).
/// </summary>
/// <remarks>
/// Reasoning becomes a <c>thinking</c> block with an empty <c>signature</c>: the SDKs require the field, and no upstream behind a Chat
/// Completions answer signs its reasoning. Usage is the upstream's; where it reported none, input is estimated from the request
/// body's length and output from the generated text, as the gateway's accounting does.
/// </remarks>
internal sealed class AnthropicMessagesSurface(SecretRedactor redactor) : IChatSurface
{
    public string Name => "anthropic_messages";

    public async Task WriteAnswerAsync(HttpResponse response, ChatCompletion completion, CancellationToken cancellationToken)
    {
        if (completion.Protocol == NativeRequest.AnthropicMessages)
        {
            SurfaceAnswers.PassUpstreamHeaders(response);
            await SurfaceAnswers.WriteJsonAsync(response, completion.Json, cancellationToken);
            return;
        }

        IgnoredFields.Tell(response);
        response.Headers[AnthropicErrorWriter.RequestIdHeader] = AnthropicErrorWriter.RequestId();
        if (AnthropicMessageWriter.Write(completion, InputEstimate(response)) is not { } json)
        {
            await WriteErrorAsync(response, new ApiError(502, "The upstream's answer is not a chat completion the gateway can read.", null, "upstream_error"));
            return;
        }

        await SurfaceAnswers.WriteJsonAsync(response, json, cancellationToken);
    }

    public Task WriteErrorAsync(HttpResponse response, ApiError error)
    {
        if (error.WireError is null)
        {
            IgnoredFields.Tell(response);
        }

        return AnthropicErrorWriter.WriteAsync(response, redactor.Redact(error));
    }

    public IChatStreamEncoder StartStream(HttpResponse response)
    {
        SurfaceAnswers.StartEventStream(response);
        response.Headers[AnthropicErrorWriter.RequestIdHeader] = AnthropicErrorWriter.RequestId(); // an Anthropic upstream's own replaces it
        return new AnthropicStreamEncoder(redactor, InputEstimate(response), response); // one per stream: it tracks the open block
    }

    private static int InputEstimate(HttpResponse response) => ReportedUsage.EstimateInput(response.HttpContext.Request.ContentLength);
}
