namespace Gateway.Backends;

/// <summary>
/// The request asks for something the chosen backend's protocol cannot express (an image by URL for Ollama, token-array input for
/// Ollama embeddings). <see cref="Exception.Message"/> is written for the client; the dispatcher answers it as a 400.
/// </summary>
internal sealed class UnsupportedRequestException : Exception
{
    public UnsupportedRequestException(string message, string? param) : base(message) => Param = param;

    public UnsupportedRequestException(string message) : base(message) { }

    public UnsupportedRequestException(string message, Exception inner) : base(message, inner) { }

    public UnsupportedRequestException() { }

    /// <summary>The request field at fault, e.g. <c>messages[1].content[0].image_url</c>, for OpenAI's error <c>param</c>.</summary>
    public string? Param { get; }
}
