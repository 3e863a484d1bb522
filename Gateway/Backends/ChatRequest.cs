using System.Text.Json;

namespace Gateway.Backends;

/// <summary>
/// An OpenAI chat-completions request parsed once. The original JSON stays available (<see cref="Root"/>) so that fields the gateway
/// does not model reach OpenAI-compatible backends untouched, and translators read what they need from it.
/// </summary>
internal sealed class ChatRequest : IDisposable
{
    private readonly JsonDocument _document;

    public ChatRequest(JsonDocument document, string model, bool stream, bool includeUsage)
    {
        _document = document;
        Model = model;
        Stream = stream;
        IncludeUsage = includeUsage;
    }

    /// <summary>The request body's root object.</summary>
    public JsonElement Root => _document.RootElement;

    /// <summary>The <c>model</c> string as sent by the client.</summary>
    public string Model { get; }

    public bool Stream { get; }

    /// <summary><c>stream_options.include_usage</c>.</summary>
    public bool IncludeUsage { get; }

    /// <summary>Temperature to send when the request has none (tool or <c>global_defaults.temperature</c>).</summary>
    public double? DefaultTemperature { get; init; }

    /// <summary>Max output tokens to send when the request has none (tool or <c>global_defaults.max_tokens</c>).</summary>
    public int? DefaultMaxTokens { get; init; }

    /// <summary><c>messages</c> (validated to be a non-empty array).</summary>
    public JsonElement Messages => Root.GetProperty("messages");

    public bool TryGet(string property, out JsonElement value) => Root.TryGetProperty(property, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The request's temperature, else the default.</summary>
    public double? Temperature => TryGet("temperature", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : DefaultTemperature;

    /// <summary><c>max_completion_tokens</c>, else <c>max_tokens</c>, else the default.</summary>
    public int? MaxTokens =>
        TryGet("max_completion_tokens", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32()
        : TryGet("max_tokens", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32()
        : DefaultMaxTokens;

    /// <summary>
    /// The client's own body, when it came in a protocol some backend speaks too (Anthropic Messages): that backend is sent it instead
    /// of a translation. Set once, by the surface that decoded the request; disposed with this request.
    /// </summary>
    public NativeRequest? Native { get; private set; }

    /// <summary>Keeps <paramref name="native"/> for backends of its protocol; this request owns it from now on.</summary>
    public ChatRequest WithNative(NativeRequest native)
    {
        Native = native;
        return this;
    }

    public void Dispose()
    {
        _document.Dispose();
        Native?.Dispose();
    }
}
