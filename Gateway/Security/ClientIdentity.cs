namespace Gateway.Security;

/// <summary>
/// Who a request comes from, as far as limits are concerned: the gateway key it presented (<c>key 2</c>, its place in
/// <c>server.api_keys</c>) or, when the gateway needs no key, the client's address. Never the key itself.
/// </summary>
internal sealed record ClientIdentity(string Name, bool ByKey)
{
    public static ClientIdentity Key(int index) => new($"key {index + 1}", true);

    public static ClientIdentity Address(HttpContext context) => new($"address {context.Connection.RemoteIpAddress?.ToString() ?? "local"}", false);

    /// <summary>The identity the key check recorded, else the client's address.</summary>
    public static ClientIdentity Of(HttpContext context) => context.Features.Get<ClientIdentity>() ?? Address(context);
}
