using System.Globalization;
using Gateway.Exchange;
using Gateway.Routing;

namespace Gateway.Api;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> in Anthropic's shapes, for a request that carries <c>anthropic-version</c> (the
/// Anthropic SDKs and Claude Code's model discovery always send it): model objects, and pages cut by <c>limit</c>, <c>after_id</c> and
/// <c>before_id</c> as Anthropic's API cuts them. Errors are Anthropic's.
/// </summary>
internal static class AnthropicModels
{
    public const string VersionHeader = "anthropic-version";

    public const int DefaultLimit = 20;
    public const int MaxLimit = 1000;

    public static bool Requested(HttpContext context) => context.Request.Headers.ContainsKey(VersionHeader);

    public static IResult List(HttpRequest request, IReadOnlyList<ListedModel> models, long loadedAt)
    {
        var (page, error) = Page(request.Query, models);
        if (error is not null)
        {
            return new AnthropicErrorResult(error);
        }

        var (start, count, hasMore) = page;
        var data = new AnthropicModelObject[count];
        for (var i = 0; i < count; i++)
        {
            data[i] = Describe(models[start + i], loadedAt);
        }

        var list = new AnthropicModelPage(data, hasMore, count > 0 ? data[0].Id : null, count > 0 ? data[^1].Id : null);
        return TypedResults.Json(list, ApiJsonContext.Default.AnthropicModelPage);
    }

    public static IResult Get(ListedModel? model, string id, long loadedAt) => model is null
        ? new AnthropicErrorResult(new ApiError(404, $"The model '{id}' is not served by this gateway. List the models with GET /v1/models.", "model", "model_not_found"))
        : TypedResults.Json(Describe(model, loadedAt), ApiJsonContext.Default.AnthropicModelObject);

    /// <summary>
    /// Which slice of <paramref name="models"/> to answer: after <c>after_id</c>, or the <c>limit</c> just before <c>before_id</c>, or
    /// the first <c>limit</c>; <c>has_more</c> says whether more lie beyond the slice in that direction.
    /// </summary>
    private static ((int Start, int Count, bool HasMore) Page, ApiError? Error) Page(IQueryCollection query, IReadOnlyList<ListedModel> models)
    {
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (default, ApiError.BadRequest($"limit: must be a whole number from 1 to {MaxLimit}, not '{limitText}'.", "limit"));
        }

        var after = query["after_id"].ToString();
        var before = query["before_id"].ToString();
        if (after.Length > 0 && before.Length > 0)
        {
            return (default, ApiError.BadRequest("after_id and before_id: give one of the two, not both.", "after_id"));
        }

        if (after.Length == 0 && before.Length == 0)
        {
            return ((0, Math.Min(limit, models.Count), limit < models.Count), null);
        }

        var cursor = after.Length > 0 ? after : before;
        var at = IndexOf(models, cursor);
        if (at < 0)
        {
            var name = after.Length > 0 ? "after_id" : "before_id";
            return (default, ApiError.BadRequest(
                $"{name}: '{cursor}' is not a model this gateway lists (a config reload may have removed it); list again without {name}.", name));
        }

        if (after.Length > 0)
        {
            var start = at + 1;
            var count = Math.Min(limit, models.Count - start);
            return ((start, count, start + count < models.Count), null);
        }

        var first = Math.Max(0, at - limit);
        return ((first, at - first, first > 0), null);
    }

    private static int IndexOf(IReadOnlyList<ListedModel> models, string id)
    {
        for (var i = 0; i < models.Count; i++)
        {
            if (models[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// A model object: <c>created_at</c> is when the config was loaded (the gateway knows no release dates), and an alias says what it
    /// stands for in its <c>display_name</c>.
    /// </summary>
    private static AnthropicModelObject Describe(ListedModel model, long loadedAt) => new(
        "model",
        model.Id,
        model.AliasOf is { } target ? $"{model.Id} (alias of {target})" : model.Id,
        DateTimeOffset.FromUnixTimeSeconds(loadedAt).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
