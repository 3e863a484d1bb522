namespace Gateway.Routing;

/// <summary>The ordered candidates for one request, primary first, with notes on fallbacks that were left out.</summary>
internal sealed record RoutePlan
{
    /// <summary>The <c>model</c> string exactly as the client sent it.</summary>
    public required string RequestedModel { get; init; }

    /// <summary>Attempt order: the chosen endpoint, the other endpoints of that backend, then each fallback backend.</summary>
    public required IReadOnlyList<Candidate> Candidates { get; init; }

    /// <summary>Why configured fallbacks are absent, e.g. <c>fallback 'anthropic' skipped: model 'llama3' has no model key there</c>.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The entry of <c>llm.model_aliases</c> that turned <see cref="RequestedModel"/> into what was routed, if one did.</summary>
    public Configuration.ModelAlias? Alias { get; init; }
}

/// <summary>The outcome of resolving a request: a plan, or an error the client can act on.</summary>
internal sealed record RouteResult
{
    public RoutePlan? Plan { get; init; }
    public RouteError? Error { get; init; }

    public static RouteResult Ok(RoutePlan plan) => new() { Plan = plan };

    public static RouteResult Fail(RouteError error) => new() { Error = error };
}

/// <summary>A resolution failure, already worded for the client.</summary>
/// <param name="Code">OpenAI-style error code, e.g. <c>model_not_found</c>, <c>backend_not_found</c>, <c>invalid_model</c>.</param>
/// <param name="Message">What failed and what to do, e.g. how to list models.</param>
/// <param name="Param">The request field at fault (<c>model</c>) or the header name.</param>
/// <param name="StatusCode">HTTP status: 404 for unknown model/backend, 400 for malformed values.</param>
internal sealed record RouteError(string Code, string Message, string? Param, int StatusCode);
