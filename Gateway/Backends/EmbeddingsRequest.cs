using System.Text.Json;

namespace Gateway.Backends;

/// <summary>An OpenAI embeddings request parsed once; <see cref="Root"/> keeps every field for pass-through.</summary>
internal sealed class EmbeddingsRequest : IDisposable
{
    private readonly JsonDocument _document;

    public EmbeddingsRequest(JsonDocument document, string? model)
    {
        _document = document;
        Model = model;
    }

    public JsonElement Root => _document.RootElement;

    /// <summary>The <c>model</c> string as sent, if any.</summary>
    public string? Model { get; }

    /// <summary><c>input</c>: a string, an array of strings, or token arrays.</summary>
    public JsonElement Input => Root.GetProperty("input");

    /// <summary><c>encoding_format</c>: <c>float</c> (default) or <c>base64</c> (what the OpenAI SDKs ask for by default).</summary>
    public bool WantsBase64 => Root.TryGetProperty("encoding_format", out var f) && f.ValueKind == JsonValueKind.String && f.ValueEquals("base64");

    public void Dispose() => _document.Dispose();
}
