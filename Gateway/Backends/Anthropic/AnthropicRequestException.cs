namespace Gateway.Backends.Anthropic;

/// <summary>
/// The OpenAI request asks for something the Messages API cannot express (an audio part, arguments that are not JSON, a tool type
/// Anthropic lacks). The message is worded for the client and the request is answered with 400; it never contains secrets.
/// </summary>
internal sealed class AnthropicRequestException : Exception
{
    public AnthropicRequestException()
    {
    }

    public AnthropicRequestException(string message)
        : base(message)
    {
    }

    public AnthropicRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AnthropicRequestException(string message, string param)
        : base(message)
    {
        Param = param;
    }

    /// <summary>The request field at fault, e.g. <c>messages[2].content[0].type</c>, for the error's <c>param</c>.</summary>
    public string? Param { get; }
}
