using Gateway.Exchange;
using Gateway.Surfaces;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Api;

/// <summary>
/// The framework's exception handler for what nothing else caught: a bad request the server detected while reading (its own 4xx), or a
/// bug (500, logged by the framework, never shown). OpenAI's error JSON under <c>/v1</c>, ProblemDetails elsewhere; never a stack.
/// </summary>
internal sealed class UnhandledExceptionHandler : IExceptionHandler
{
    private const string Internal = "The gateway failed to handle this request; the error has been logged.";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, message, code) = exception is BadHttpRequestException bad ? (bad.StatusCode, bad.Message, (string?)null) : (500, Internal, "internal_error");
        context.Response.StatusCode = status;
        if (ErrorResponses.IsAnthropicMessages(context))
        {
            await Surfaces.Anthropic.AnthropicErrorWriter.WriteAsync(context.Response, new ApiError(status, message, null, code));
        }
        else if (ErrorShapes.IsV1(context))
        {
            await OpenAiErrorWriter.WriteAsync(context.Response, new ApiError(status, message, null, code));
        }
        else
        {
            await Results.Problem(statusCode: status, detail: message).ExecuteAsync(context);
        }

        return true;
    }
}
