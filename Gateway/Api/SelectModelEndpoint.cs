using Gateway.Runtime;
using Gateway.Selection;
using Gateway.Surfaces;

namespace Gateway.Api;

/// <summary><c>POST /select-model</c>: ranked (backend, model) recommendations for a task. Errors are RFC 9457 ProblemDetails.</summary>
internal static class SelectModelEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, SelectorCache selectors)
    {
        var config = RequestSnapshot.Of(context).Config;
        var selector = selectors.For(config);
        if (!selector.Enabled)
        {
            return TypedResults.Problem(
                "The model selector is turned off (model_selector.enabled: false in the config); set it to true to use /select-model.",
                statusCode: StatusCodes.Status404NotFound);
        }

        var (document, bodyError) = await RequestBody.ReadJsonAsync(context.Request, context.RequestAborted);
        if (document is null)
        {
            return TypedResults.Problem(bodyError!.Message, statusCode: bodyError.Status);
        }

        using (document)
        {
            if (!SelectionRequest.TryRead(document.RootElement, out var query, out var invalid))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid!.Field] = [invalid.Message] }, detail: invalid.Message);
            }

            var outcome = selector.Select(query);
            if (!outcome.IsSuccess)
            {
                return TypedResults.Problem(outcome.Failure, statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            return TypedResults.Json(SelectionAnswer.From(query, outcome, config.ModelSelector.Weights), SelectionJsonContext.Default.SelectionAnswer);
        }
    }
}
