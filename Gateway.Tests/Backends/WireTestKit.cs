using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Tests.Backends;

/// <summary>Builds requests, candidates and upstream answers for protocol tests, and reads what adapters produce.</summary>
internal static class WireTestKit
{
    /// <summary>A parsed client request; <c>stream</c> and <c>stream_options.include_usage</c> are read from the JSON as the endpoint would.</summary>
    public static ChatRequest Chat(string json, double? defaultTemperature = null, int? defaultMaxTokens = null)
    {
        var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var includeUsage = root.TryGetProperty("stream_options", out var options)
            && options.TryGetProperty("include_usage", out var usage) && usage.ValueKind == JsonValueKind.True;
        return new ChatRequest(document, root.GetProperty("model").GetString()!, stream, includeUsage)
        {
            DefaultTemperature = defaultTemperature,
            DefaultMaxTokens = defaultMaxTokens,
        };
    }

    public static EmbeddingsRequest Embeddings(string json)
    {
        var document = JsonDocument.Parse(json);
        var model = document.RootElement.TryGetProperty("model", out var m) ? m.GetString() : null;
        return new EmbeddingsRequest(document, model);
    }

    public static BackendConfig Backend(BackendKind kind, string? apiKey = null, string? organization = null, string? apiVersion = null) => new()
    {
        Name = kind.ToString().ToLowerInvariant(),
        Kind = kind,
        BaseUrl = "http://127.0.0.1:1",
        ApiKey = apiKey,
        Organization = organization,
        ApiVersion = apiVersion,
    };

    public static Candidate Candidate(
        BackendConfig backend, string model, string endpoint, string? apiKey = null, string? deployment = null, int? contextWindow = null) => new()
    {
        Backend = backend,
        Model = model,
        Endpoint = endpoint,
        ApiKey = apiKey,
        Deployment = deployment,
        ContextWindow = contextWindow,
        Reason = "primary",
    };

    /// <summary>An upstream answer whose body is streamed from memory, as a real response body is.</summary>
    public static HttpResponseMessage Answer(string body, string mediaType = "application/json", HttpStatusCode status = HttpStatusCode.OK)
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(status) { Content = content };
    }

    /// <summary>An upstream answer whose body breaks after <paramref name="body"/>, as a reset connection does.</summary>
    public static HttpResponseMessage AnswerCutAfter(string body, string mediaType)
    {
        var content = new StreamContent(new BreakingStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    public static async Task<List<ChatChunk>> CollectAsync(IAsyncEnumerable<ChatChunk> chunks)
    {
        var all = new List<ChatChunk>();
        await foreach (var chunk in chunks)
        {
            all.Add(chunk);
        }

        return all;
    }

    public static string Text(ReadOnlyMemory<byte> utf8) => Encoding.UTF8.GetString(utf8.Span);

    public static JsonDocument Json(ReadOnlyMemory<byte> utf8) => JsonDocument.Parse(utf8);

    public static async Task<JsonDocument> BodyAsync(HttpRequestMessage request) =>
        JsonDocument.Parse(await request.Content!.ReadAsByteArrayAsync());

    public static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public static string[] PropertyNames(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    /// <summary>The <c>data:</c> payloads of an SSE fixture, in order, excluding <c>[DONE]</c>.</summary>
    public static List<string> DataLines(string sse) =>
        [.. sse.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]).Where(d => d != "[DONE]")];

    private sealed class BreakingStream(byte[] head) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= head.Length)
            {
                throw new IOException("The response ended prematurely.");
            }

            var n = Math.Min(buffer.Length, head.Length - _position);
            head.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
