using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Gateway.Backends;

/// <summary>
/// The client's request as it sent it, kept beside the normalized <see cref="ChatRequest"/> for a backend that speaks the client's own
/// protocol: such a backend receives this body (with only <c>model</c> replaced) and these headers, and its answer, stream and errors
/// go back to the client unchanged. Every other backend receives the translation.
/// </summary>
internal sealed class NativeRequest : IDisposable
{
    /// <summary>The Anthropic Messages API (<c>POST /v1/messages</c>).</summary>
    public const string AnthropicMessages = "anthropic-messages";

    /// <summary>The OpenAI Responses API (<c>POST /v1/responses</c>).</summary>
    public const string OpenAiResponses = "openai-responses";

    private readonly JsonDocument _document;

    /// <param name="protocol">The client's protocol (<see cref="AnthropicMessages"/>, <see cref="OpenAiResponses"/>).</param>
    /// <param name="document">The body as parsed; this object owns it.</param>
    /// <param name="headers">The protocol's headers the client sent, to pass on as they are (<c>anthropic-version</c>, <c>anthropic-beta</c>).</param>
    public NativeRequest(string protocol, JsonDocument document, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        Protocol = protocol;
        _document = document;
        Headers = headers;
    }

    public string Protocol { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>
    /// The translation could not carry all of the request (a document, a server tool): only a backend that receives it as it was sent
    /// may serve it, and its prompt is never shortened, since shortening is done on the translation.
    /// </summary>
    public bool Required { get; init; }

    /// <summary>
    /// The body as the client sent it, byte for byte, except that the top-level <c>model</c> holds <paramref name="model"/>: the
    /// backend's name for the model the gateway chose. Nothing else is parsed, re-encoded or reordered (thinking signatures, cache
    /// breakpoints and the order of <c>system</c> blocks depend on it).
    /// </summary>
    public byte[] BodyFor(string model)
    {
        var body = JsonMarshal.GetRawUtf8Value(_document.RootElement);
        var (start, end) = ModelValue(body);
        var buffer = new ArrayBufferWriter<byte>(body.Length + model.Length + 16);
        buffer.Write(body[..start]);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStringValue(model);
        }

        buffer.Write(body[end..]);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The headers of the upstream's answer that the client's protocol gives meaning to (Anthropic's <c>request-id</c> and
    /// <c>anthropic-ratelimit-*</c>; OpenAI's <c>x-request-id</c>, <c>openai-*</c> and <c>x-ratelimit-*</c>), from the try that
    /// answered; empty until one has.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> AnswerHeaders { get; private set; } = [];

    /// <summary>Keeps the headers of <paramref name="response"/> that go back to the client with the answer.</summary>
    public void Answered(HttpResponseMessage response)
    {
        List<KeyValuePair<string, string>>? kept = null;
        foreach (var (name, values) in response.Headers)
        {
            if (Passed(name))
            {
                (kept ??= []).Add(new(name, string.Join(", ", values)));
            }
        }

        AnswerHeaders = kept ?? [];
    }

    public void Dispose() => _document.Dispose();

    private bool Passed(string header) => Protocol == AnthropicMessages
        ? header.Equals("request-id", StringComparison.OrdinalIgnoreCase) || header.StartsWith("anthropic-", StringComparison.OrdinalIgnoreCase)
        : header.Equals("x-request-id", StringComparison.OrdinalIgnoreCase) || header.StartsWith("openai-", StringComparison.OrdinalIgnoreCase)
            || header.StartsWith("x-ratelimit-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the value of the top-level <c>model</c> property lies in <paramref name="body"/> (the surface checked there is one).</summary>
    private static (int Start, int End) ModelValue(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isModel = reader.ValueTextEquals("model"u8);
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isModel)
            {
                return (start, (int)reader.BytesConsumed);
            }
        }

        throw new InvalidOperationException("The request body has no top-level 'model'.");
    }
}
