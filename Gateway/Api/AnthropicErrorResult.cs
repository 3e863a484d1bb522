using Gateway.Exchange;
using Gateway.Surfaces;
using Gateway.Surfaces.Anthropic;

namespace Gateway.Api;

/// <summary>An <see cref="ApiError"/> answered in Anthropic's error shape, with the <c>x-gateway-*</c> headers of a refusal.</summary>
internal sealed class AnthropicErrorResult(ApiError error) : IResult
{
    public ApiError Error { get; } = error;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        GatewayHeaders.Set(httpContext.Response, null, null, 0);
        return AnthropicErrorWriter.WriteAsync(httpContext.Response, Error);
    }
}
