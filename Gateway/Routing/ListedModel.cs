namespace Gateway.Routing;

/// <summary>One entry of <c>GET /v1/models</c>: an id a client can send as <c>model</c>, and the backend that serves it.</summary>
internal sealed record ListedModel(string Id, string OwnedBy);
