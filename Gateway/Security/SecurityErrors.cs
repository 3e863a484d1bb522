using Gateway.Exchange;

namespace Gateway.Security;

/// <summary>The refusals of the key check.</summary>
internal static class SecurityErrors
{
    public static ApiError MissingKey() => new(
        401,
        "This gateway requires an API key: send it as 'Authorization: Bearer <key>' (the api_key of an OpenAI SDK) or as 'x-api-key: <key>'.",
        null,
        "invalid_api_key");

    public static ApiError WrongKey() => new(
        401,
        "The API key is not one of this gateway's keys (server.api_keys). Check the key your client sends.",
        null,
        "invalid_api_key");
}
