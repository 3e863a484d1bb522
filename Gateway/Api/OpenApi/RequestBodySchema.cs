namespace Gateway.Api.OpenApi;

/// <summary>
/// Endpoint metadata naming the JSON body an endpoint reads, for the API document only. Unlike <c>Accepts&lt;T&gt;</c> it does not make
/// routing reject other content types: a JSON body sent as form data (curl's default) is still read.
/// </summary>
internal sealed record RequestBodySchema(Type Type);
