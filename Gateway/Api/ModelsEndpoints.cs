using Gateway.Exchange;
using Gateway.Routing;
using Gateway.Runtime;

namespace Gateway.Api;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> in OpenAI's shapes: every model key and every <c>backend/model</c>.</summary>
internal static class ModelsEndpoints
{
    public static IResult List(HttpContext context)
    {
        var snapshot = RequestSnapshot.Of(context);
        var models = ModelListing.Build(snapshot.Config);
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
        foreach (var model in ModelListing.Build(snapshot.Config))
        {
            if (model.Id == id)
            {
                await context.Response.WriteAsJsonAsync(new ModelObject(model.Id, "model", snapshot.LoadedAt, model.OwnedBy), ApiJsonContext.Default.ModelObject);
                return;
            }
        }

        await ChatCompletionsEndpoint.Fail(context, new ApiError(404, $"The model '{id}' is not served by this gateway. List the models with GET /v1/models.", "model", "model_not_found"));
    }
}
