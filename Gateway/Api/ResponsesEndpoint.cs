using System.Text.Json;
using Gateway.Backends;
using Gateway.Conversations;
using Gateway.Dispatch;
using Gateway.Exchange;
using Gateway.Runtime;
using Gateway.Surfaces;
using Gateway.Surfaces.Responses;

namespace Gateway.Api;

/// <summary>
/// <c>POST /v1/responses</c>, the OpenAI Responses API: decoded into the gateway's exchange, routed and dispatched as a chat is,
/// answered in the Responses API's shapes. A <c>previous_response_id</c> is resolved here, from the gateway's own store, for every
/// backend: the upstream receives the whole conversation so far, so a chain can move between backends and survives fallbacks. An
/// OpenAI backend receives the client's body as sent (with the conversation expanded into <c>input</c>); every other backend the
/// translation, with what it left out named in <see cref="IgnoredFields.Header"/>.
/// </summary>
internal static class ResponsesEndpoint
{
    public static async Task HandleAsync(HttpContext context, ChatDispatcher dispatcher, ResponsesSurface surface, BackendProtocols protocols, TimeProvider time)
    {
        var (document, error) = await RequestBody.ReadJsonAsync(context.Request, context.RequestAborted);
        if (document is null)
        {
            await FailAsync(context, error!);
            return;
        }

        JsonDocument? owned = document;
        try
        {
            var root = document.RootElement;
            if (ResponsesRequestCheck.Problem(root) is { } bad)
            {
                await FailAsync(context, bad);
                return;
            }

            var store = context.RequestServices.GetService<IResponseStore>();
            using var history = ResponsesRequestCheck.PreviousId(root) is { } previous ? ResponsesHistory.Of(store, previous) : ResponsesHistory.None;
            if (history is null)
            {
                await FailAsync(context, ResponsesRequestCheck.PreviousNotFound(ResponsesRequestCheck.PreviousId(root)!));
                return;
            }

            var (input, badInput) = ResponsesTurn.NormalizeInput(root);
            if (input is null)
            {
                await FailAsync(context, badInput!);
                return;
            }

            using var current = JsonDocument.Parse(input);
            var items = new List<JsonElement>(history.Items);
            items.AddRange(current.RootElement.EnumerateArray());
            var snapshot = RequestSnapshot.Of(context);
            var decoded = ResponsesRequestDecoder.Decode(root, items, snapshot.Config.Llm.GlobalDefaults, RequestLimits.For(context));
            if (decoded.Request is not { } request)
            {
                await FailAsync(context, decoded.Error!);
                return;
            }

            var turn = new ResponsesTurn(root, input, store, time);
            var body = history.Expand(root);
            if (body is null)
            {
                owned = null; // the client's body is the native one, and the native request owns it from here
            }

            var native = new NativeRequest(NativeRequest.OpenAiResponses, body ?? document, []) { Required = decoded.Untranslatable is not null };
            using (request.WithNative(native))
            {
                context.Features.Set(native);
                context.Features.Set(turn);
                var route = snapshot.Resolver.ResolveChat(request.Model, ChatCompletionsEndpoint.BackendOverride(context));
                if (route.Plan is null)
                {
                    await FailAsync(context, route.Error!.ToApiError());
                    return;
                }

                var plan = decoded.Untranslatable is { } untranslatable
                    ? NativeOnlyPlan.For(route.Plan, protocols, NativeRequest.OpenAiResponses, untranslatable.Message)
                    : route.Plan;
                if (plan.Candidates.Count == 0)
                {
                    await FailAsync(context, decoded.Untranslatable!);
                    return;
                }

                if (decoded.Ignored.Count > 0)
                {
                    IgnoredFields.Keep(context, string.Join(", ", decoded.Ignored));
                }

                await dispatcher.DispatchAsync(context, surface, request, plan);
            }
        }
        finally
        {
            owned?.Dispose();
        }
    }

    private static Task FailAsync(HttpContext context, ApiError error)
    {
        GatewayHeaders.Set(context.Response, null, null, 0);
        return OpenAiErrorWriter.WriteAsync(context.Response, error);
    }
}
