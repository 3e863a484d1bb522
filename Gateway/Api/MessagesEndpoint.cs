using Gateway.Dispatch;
using Gateway.Runtime;
using Gateway.Surfaces;
using Gateway.Surfaces.Anthropic;

namespace Gateway.Api;

/// <summary>
/// <c>POST /v1/messages</c>, the Anthropic Messages API: decoded into the gateway's exchange, routed and dispatched as a chat is,
/// answered in Anthropic's shapes. What the request carried that its backend has no use for is named in <see cref="IgnoredHeader"/>.
/// </summary>
internal static class MessagesEndpoint
{
    /// <summary>Response: the request fields (and headers) left out because the backend that served it has no use for them.</summary>
    public const string IgnoredHeader = "x-gateway-ignored";

    public static async Task HandleAsync(HttpContext context, ChatDispatcher dispatcher, AnthropicMessagesSurface surface)
    {
        var (document, error) = await RequestBody.ReadJsonAsync(context.Request, context.RequestAborted);
        if (document is null)
        {
            await FailAsync(context, surface, error!);
            return;
        }

        var snapshot = RequestSnapshot.Of(context);
        MessagesRequestDecoder.Decoded decoded;
        using (document)
        {
            decoded = MessagesRequestDecoder.Decode(document.RootElement, snapshot.Config.Llm.GlobalDefaults, Exchange.RequestLimits.For(context));
        }

        if (decoded.Request is not { } request)
        {
            await FailAsync(context, surface, decoded.Error!);
            return;
        }

        using (request)
        {
            var route = snapshot.Resolver.ResolveChat(request.Model, ChatCompletionsEndpoint.BackendOverride(context));
            if (route.Plan is null)
            {
                await FailAsync(context, surface, route.Error!.ToApiError());
                return;
            }

            var ignored = Ignored(context, decoded.Ignored);
            if (ignored is not null)
            {
                context.Response.Headers[IgnoredHeader] = ignored;
            }

            await dispatcher.DispatchAsync(context, surface, request, route.Plan);
        }
    }

    /// <summary>The fields left out, and <c>anthropic-beta</c> when the client sent flags: no backend but Anthropic reads them.</summary>
    private static string? Ignored(HttpContext context, IReadOnlyList<string> fields)
    {
        var beta = context.Request.Headers.ContainsKey("anthropic-beta");
        if (fields.Count == 0 && !beta)
        {
            return null;
        }

        return beta ? string.Join(", ", [.. fields, "anthropic-beta"]) : string.Join(", ", fields);
    }

    private static Task FailAsync(HttpContext context, AnthropicMessagesSurface surface, Exchange.ApiError error)
    {
        GatewayHeaders.Set(context.Response, null, null, 0);
        return surface.WriteErrorAsync(context.Response, error);
    }
}
