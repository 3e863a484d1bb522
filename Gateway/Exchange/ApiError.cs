namespace Gateway.Exchange;

/// <summary>
/// An error answer in OpenAI's terms (<c>{"error":{"message","type","param","code"}}</c>), which every OpenAI SDK turns into a typed exception.
/// </summary>
internal sealed record ApiError(int Status, string Message, string? Param = null, string? Code = null)
{
    /// <summary>How long the client should wait before trying again, sent as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// The upstream's own error JSON, in the client's protocol, when every try failed with it the same way: the surface sends it
    /// instead of writing its own (see <c>UpstreamFailure.WireError</c>).
    /// </summary>
    public string? WireError { get; init; }

    /// <summary>OpenAI's error <c>type</c> for the status, as its SDKs expect.</summary>
    public string Type => Status switch
    {
        400 or 404 or 405 or 409 or 413 or 414 or 415 or 422 or 431 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        421 => "invalid_request_error",
        429 => "rate_limit_error",
        _ => "server_error",
    };

    public static ApiError BadRequest(string message, string? param = null, string? code = null) => new(400, message, param, code ?? "invalid_request");
}
