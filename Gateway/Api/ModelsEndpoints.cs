using Gateway.Exchange;
using Gateway.Routing;
using Gateway.Runtime;

namespace Gateway.Api;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>: every model key, every <c>backend/model</c> and every alias id, in OpenAI's
/// shapes, or in Anthropic's when the request carries <c>anthropic-version</c> (<see cref="AnthropicModels"/>).
/// </summary>
internal static class ModelsEndpoints
{
    public static IResult List(HttpContext context)
    {
        var snapshot = RequestSnapshot.Of(context);
        var models = ModelListing.Build(snapshot.Config);
        if (AnthropicModels.Requested(context))
        {
            return AnthropicModels.List(context.Request, models, snapshot.LoadedAt);
        }

        var data = new ModelObject[models.Count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = new ModelObject(models[i].Id, "model", snapshot.LoadedAt, models[i].OwnedBy);
        }

        return TypedResults.Json(new ModelList("list", data), ApiJsonContext.Default.ModelList);
    }

    public static async Task Get(HttpContext context, string id)
    {
        // SDKs escape the '/' of "ollama/llama3" as %2F, which the router leaves encoded.
        id = Uri.UnescapeDataString(id);
        var snapshot = RequestSnapshot.Of(context);
        var model = ModelListing.Find(snapshot.Config, id);
        if (AnthropicModels.Requested(context))
        {
            await AnthropicModels.Get(model, id, snapshot.LoadedAt).ExecuteAsync(context);
        }
        else if (model is not null)
        {
            await context.Response.WriteAsJsonAsync(new ModelObject(model.Id, "model", snapshot.LoadedAt, model.OwnedBy), ApiJsonContext.Default.ModelObject);
        }
        else
        {
            await ChatCompletionsEndpoint.Fail(context, new ApiError(404, $"The model '{id}' is not served by this gateway. List the models with GET /v1/models.", "model", "model_not_found"));
        }
    }
}
