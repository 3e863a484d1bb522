namespace Gateway.Conversations;

/// <summary>
/// One turn of a Responses API conversation as the gateway keeps it (<c>store: true</c>): what the client sent and what it was
/// answered, so that a later <c>previous_response_id</c> can continue it on any backend.
/// </summary>
/// <param name="Id">The response's id (<c>resp_…</c>), the one the client was given.</param>
/// <param name="PreviousId">The <c>previous_response_id</c> this turn continued, if any.</param>
/// <param name="InputItems">
/// This turn's input as a JSON array of item objects (a string input becomes one <c>user</c> message item); each item has an
/// <c>id</c> and, where its type has one, a <c>status</c>.
/// </param>
/// <param name="Response">The Response object as the client received it, its <c>output</c> items included.</param>
/// <param name="Backend">The configured backend that answered.</param>
/// <param name="CreatedAt">When the answer was complete.</param>
internal sealed record StoredResponse(string Id, string? PreviousId, string InputItems, string Response, string Backend, DateTimeOffset CreatedAt);
