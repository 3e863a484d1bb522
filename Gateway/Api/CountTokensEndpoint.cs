using System.Text.Json.Serialization;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Runtime;
using Gateway.Surfaces;
using Gateway.Surfaces.Anthropic;

namespace Gateway.Api;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c>: the prompt of a Messages request (<c>model</c>, <c>messages</c>, <c>system</c>, <c>tools</c>,
/// ...; no <c>max_tokens</c>) decoded as <c>/v1/messages</c> decodes it, routed as it would be (aliases included), and measured by the
/// gateway's one estimator for the model that would serve it. Nothing is sent upstream. Errors are Anthropic's.
/// </summary>
internal static class CountTokensEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (document, error) = await RequestBody.ReadJsonAsync(context.Request, cancellationToken);
        if (document is null)
        {
            return new AnthropicErrorResult(error!);
        }

        var snapshot = RequestSnapshot.Of(context);
        MessagesRequestDecoder.Decoded decoded;
        using (document)
        {
            decoded = MessagesRequestDecoder.Decode(document.RootElement, snapshot.Config.Llm.GlobalDefaults, RequestLimits.For(context), requireMaxTokens: false);
        }

        if (decoded.Request is not { } request)
        {
            return new AnthropicErrorResult(decoded.Error!);
        }

        using (request)
        {
            if (snapshot.Resolver.FirstTarget(request.Model, ChatCompletionsEndpoint.BackendOverride(context), out var target) is { } routeError)
            {
                return new AnthropicErrorResult(routeError.ToApiError());
            }

            var size = TokenEstimator.Measure(request, target.Model);
            GatewayHeaders.Set(context.Response, target.Backend.Name, target.Model, 0);
            return TypedResults.Json(new TokenCount(size.Total), ApiJsonContext.Default.TokenCount);
        }
    }
}

/// <summary>Anthropic's <c>MessageTokensCount</c>.</summary>
internal sealed record TokenCount([property: JsonPropertyName("input_tokens")] int InputTokens);
