namespace Gateway.Surfaces;

/// <summary>
/// What a translated <c>/v1/messages</c> request left out (fields, and <c>anthropic-beta</c> when the client sent flags), named in the
/// <c>x-gateway-ignored</c> response header when the answer is a translation. A backend that received the request as it was sent
/// ignored nothing, so its answers carry no such header.
/// </summary>
internal sealed class IgnoredFields(string names)
{
    public string Names { get; } = names;

    /// <summary>Response: the request fields (and headers) left out because the backend that served it has no use for them.</summary>
    public const string Header = "x-gateway-ignored";

    /// <summary>Keeps <paramref name="names"/> for the request's answer.</summary>
    public static void Keep(HttpContext context, string names) => context.Features.Set(new IgnoredFields(names));

    /// <summary>Names what was left out on <paramref name="response"/>, if anything was and the response has not started.</summary>
    public static void Tell(HttpResponse response)
    {
        if (response.HttpContext.Features.Get<IgnoredFields>() is { } ignored && !response.HasStarted)
        {
            response.Headers[Header] = ignored.Names;
        }
    }
}
