using Gateway.Dispatch;
using Gateway.Exchange;
using Gateway.Runtime;
using Gateway.Selection;
using Gateway.Surfaces;

namespace Gateway.Api;

/// <summary><c>POST /v1/chat/completions</c>: parse once, resolve a plan (by the model selector for <c>model: "auto"</c>), dispatch.</summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext context, ChatDispatcher dispatcher, ChatCompletionsSurface surface, SelectorCache selectors)
    {
        var snapshot = RequestSnapshot.Of(context);
        var (request, error) = await ChatRequestParser.ParseAsync(context.Request, snapshot.Config.Llm.GlobalDefaults, context.RequestAborted);
        if (request is null)
        {
            await Fail(context, error!);
            return;
        }

        using (request)
        {
            var route = AutoRoute.Applies(request.Model, snapshot.Config)
                ? AutoRoute.Resolve(request, selectors, snapshot.Config, snapshot.Resolver, BackendOverride(context))
                : snapshot.Resolver.ResolveChat(request.Model, BackendOverride(context));
            if (route.Plan is null)
            {
                await Fail(context, route.Error!.ToApiError());
                return;
            }

            await dispatcher.DispatchAsync(context, surface, request, route.Plan);
        }
    }

    internal static string? BackendOverride(HttpContext context) =>
        context.Request.Headers.TryGetValue(GatewayHeaders.Backend, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;

    internal static Task Fail(HttpContext context, ApiError error)
    {
        GatewayHeaders.Set(context.Response, null, null, 0);
        return OpenAiErrorWriter.WriteAsync(context.Response, error);
    }
}
