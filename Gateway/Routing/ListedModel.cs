namespace Gateway.Routing;

/// <summary>
/// One entry of <c>GET /v1/models</c>: an id a client can send as <c>model</c>, the backend that serves it, and for an id of
/// <c>llm.model_aliases</c> the target it stands for.
/// </summary>
internal sealed record ListedModel(string Id, string OwnedBy, string? AliasOf = null);
