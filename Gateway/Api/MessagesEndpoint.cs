using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Routing;
using Gateway.Runtime;
using Gateway.Surfaces;
using Gateway.Surfaces.Anthropic;

namespace Gateway.Api;

/// <summary>
/// <c>POST /v1/messages</c>, the Anthropic Messages API: decoded into the gateway's exchange, routed and dispatched as a chat is,
/// answered in Anthropic's shapes. The client's body is kept as it was sent (<see cref="NativeRequest"/>), so an Anthropic backend
/// receives it unchanged; for every other backend what the translation left out is named in <see cref="IgnoredFields.Header"/>.
/// </summary>
internal static class MessagesEndpoint
{
    /// <summary>The request headers of the Messages API that go to an Anthropic backend as the client sent them.</summary>
    private static readonly string[] PassedHeaders = ["anthropic-version", "anthropic-beta"];

    public static async Task HandleAsync(HttpContext context, ChatDispatcher dispatcher, AnthropicMessagesSurface surface, BackendProtocols protocols)
    {
        var (document, error) = await RequestBody.ReadJsonAsync(context.Request, context.RequestAborted);
        if (document is null)
        {
            await FailAsync(context, surface, error!);
            return;
        }

        var snapshot = RequestSnapshot.Of(context);
        MessagesRequestDecoder.Decoded decoded;
        try
        {
            decoded = MessagesRequestDecoder.Decode(document.RootElement, snapshot.Config.Llm.GlobalDefaults, Exchange.RequestLimits.For(context));
        }
        catch
        {
            document.Dispose();
            throw;
        }

        if (decoded.Request is not { } request)
        {
            document.Dispose();
            await FailAsync(context, surface, decoded.Error!);
            return;
        }

        var native = new NativeRequest(NativeRequest.AnthropicMessages, document, Passed(context.Request.Headers)) { Required = decoded.Untranslatable is not null };
        using (request.WithNative(native))
        {
            context.Features.Set(native); // the surface passes on the headers of an answer given in this protocol
            var route = snapshot.Resolver.ResolveChat(request.Model, ChatCompletionsEndpoint.BackendOverride(context));
            if (route.Plan is null)
            {
                await FailAsync(context, surface, route.Error!.ToApiError());
                return;
            }

            var plan = decoded.Untranslatable is { } untranslatable
                ? NativeOnlyPlan.For(route.Plan, protocols, NativeRequest.AnthropicMessages, untranslatable.Message)
                : route.Plan;
            if (plan.Candidates.Count == 0)
            {
                await FailAsync(context, surface, decoded.Untranslatable!);
                return;
            }

            if (Ignored(context, decoded.Ignored) is { } ignored)
            {
                IgnoredFields.Keep(context, ignored);
            }

            await dispatcher.DispatchAsync(context, surface, request, plan);
        }
    }

    private static List<KeyValuePair<string, string>> Passed(IHeaderDictionary headers)
    {
        var passed = new List<KeyValuePair<string, string>>(PassedHeaders.Length);
        foreach (var name in PassedHeaders)
        {
            if (headers.TryGetValue(name, out var values) && values.Count > 0)
            {
                passed.Add(new(name, values.ToString()));
            }
        }

        return passed;
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
