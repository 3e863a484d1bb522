namespace Gateway.Security;

/// <summary>Where clients put the gateway key: <c>Authorization: Bearer &lt;key&gt;</c> (what OpenAI SDKs send) or <c>x-api-key</c>.</summary>
internal static class PresentedKey
{
    public const string ApiKeyHeader = "x-api-key";
    private const string Bearer = "Bearer ";

    /// <summary>The bearer token, or empty when there is none.</summary>
    public static ReadOnlySpan<char> BearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count != 1)
        {
            return default;
        }

        var value = authorization[0].AsSpan();
        return value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? value[Bearer.Length..].Trim() : default;
    }

    /// <summary>The <c>x-api-key</c> value, or empty when there is none.</summary>
    public static ReadOnlySpan<char> ApiKey(HttpRequest request)
    {
        var values = request.Headers[ApiKeyHeader];
        return values.Count == 1 ? values[0].AsSpan().Trim() : default;
    }
}
