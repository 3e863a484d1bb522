using System.Text.Json;
using Gateway.Backends;
using Gateway.Dispatch;
using Gateway.Exchange;
using Gateway.Runtime;
using Gateway.Surfaces;

namespace Gateway.Api;

/// <summary><c>POST /v1/embeddings</c>: routed to the embedding backend.</summary>
internal static class EmbeddingsEndpoint
{
    public static async Task HandleAsync(HttpContext context, EmbeddingsDispatcher dispatcher)
    {
        var (document, error) = await RequestBody.ReadJsonAsync(context.Request, context.RequestAborted);
        if (document is null)
        {
            await ChatCompletionsEndpoint.Fail(context, error!);
            return;
        }

        using var request = Parse(document, out error);
        if (request is null)
        {
            document.Dispose();
            await ChatCompletionsEndpoint.Fail(context, error!);
            return;
        }

        var route = RequestSnapshot.Of(context).Resolver.ResolveEmbeddings(request.Model, ChatCompletionsEndpoint.BackendOverride(context));
        if (route.Plan is null)
        {
            await ChatCompletionsEndpoint.Fail(context, route.Error!.ToApiError());
            return;
        }

        await dispatcher.DispatchAsync(context, request, route.Plan);
    }

    private static EmbeddingsRequest? Parse(JsonDocument document, out ApiError? error)
    {
        var root = document.RootElement;
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = ApiError.BadRequest("The request body must be a JSON object with 'model' and 'input'.");
            return null;
        }

        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            error = ApiError.BadRequest("Missing required parameter: 'input' (a string or an array of strings).", "input");
            return null;
        }

        var empty = input.ValueKind switch
        {
            JsonValueKind.String => input.GetString()!.Length == 0,
            JsonValueKind.Array => input.GetArrayLength() == 0,
            _ => true,
        };
        if (empty)
        {
            error = ApiError.BadRequest($"'input' must be a non-empty string or a non-empty array, not {ChatRequestParser.Describe(input)}.", "input");
            return null;
        }

        string? model = null;
        if (root.TryGetProperty("model", out var m) && m.ValueKind != JsonValueKind.Null)
        {
            if (m.ValueKind != JsonValueKind.String)
            {
                error = ApiError.BadRequest($"'model' must be a string, not {ChatRequestParser.Describe(m)}.", "model");
                return null;
            }

            model = m.GetString();
            if (ChatRequestParser.CheckModelName(model!) is { } invalid)
            {
                error = invalid;
                return null;
            }
        }

        return new EmbeddingsRequest(document, model);
    }
}
