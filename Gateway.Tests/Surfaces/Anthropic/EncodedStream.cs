using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Exchange;
using Gateway.Redaction;
using Gateway.Surfaces;
using Gateway.Surfaces.Anthropic;
using Gateway.Tests.Upstreams;
using Gateway.Tests.Configuration;

namespace Gateway.Tests.Surfaces.Anthropic;

/// <summary>One Anthropic event as written: its <c>event:</c> name and its data.</summary>
internal sealed record WrittenEvent(string Name, JsonElement Data)
{
    public string Type => Data.GetProperty("type").GetString()!;

    public override string ToString() => $"{Name} {Data.GetRawText()}";
}

/// <summary>Drives an <see cref="AnthropicStreamEncoder"/> over chunks and reads back the events it wrote.</summary>
internal static class EncodedStream
{
    public const string Secret = "sk-ant-secret-0123456789";

    public static SecretRedactor Redactor() => new(ConfigFixture.Parse($"llm:\n  openai: {{ api_key: \"{Secret}\" }}\n"));

    /// <summary>The chunks of a recorded OpenAI stream (<c>data: {json}</c> events), without <c>[DONE]</c>.</summary>
    public static List<ChatChunk> FromSse(IEnumerable<string> events) =>
        [.. events.Where(e => e != RawSse.Done).Select(e => ChatChunk.FromJson(Encoding.UTF8.GetBytes(e["data: ".Length..].TrimEnd('\n'))))];

    public static ChatChunk Chunk(string json) => ChatChunk.FromJson(Encoding.UTF8.GetBytes(json));

    public static ChatChunk Chunk(byte[] json) => ChatChunk.FromJson(json);

    /// <summary>A chunk whose delta is <paramref name="delta"/> (JSON), in the shape OpenAI-compatible servers send.</summary>
    public static ChatChunk Delta(string delta, string? finishReason = null) => Chunk(
        $$"""{"id":"chatcmpl-r1","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{{delta}},"logprobs":null,"finish_reason":{{(finishReason is null ? "null" : $"\"{finishReason}\"")}}}]}""");

    /// <summary>Encodes <paramref name="chunks"/> and the end (or, when given, the error) as one stream.</summary>
    public static Task<List<WrittenEvent>> EncodeAsync(IEnumerable<ChatChunk> chunks, ApiError? error = null, int inputEstimate = 7) =>
        EncodeAsync(new AnthropicStreamEncoder(Redactor(), inputEstimate), chunks, error);

    /// <summary>Encodes <paramref name="chunks"/> with <paramref name="encoder"/> (any surface's named events) and reads the events back.</summary>
    public static async Task<List<WrittenEvent>> EncodeAsync(IChatStreamEncoder encoder, IEnumerable<ChatChunk> chunks, ApiError? error)
    {
        using var output = new MemoryStream();
        var body = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        foreach (var chunk in chunks)
        {
            encoder.WriteEvent(body, chunk);
        }

        if (error is null)
        {
            encoder.WriteEnd(body);
        }
        else
        {
            encoder.WriteError(body, error);
        }

        await body.FlushAsync();
        await body.CompleteAsync();
        return ReadEvents(Encoding.UTF8.GetString(output.ToArray()));
    }

    /// <summary>Reads <c>event: name\ndata: json\n\n</c> events, checking the framing and that each data's type is its name.</summary>
    public static List<WrittenEvent> ReadEvents(string sse)
    {
        Assert.EndsWith("\n\n", sse);
        var events = new List<WrittenEvent>();
        foreach (var raw in sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = raw.Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("event: ", lines[0]);
            Assert.StartsWith("data: ", lines[1]);
            var written = new WrittenEvent(lines[0]["event: ".Length..], JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement.Clone());
            Assert.Equal(written.Name, written.Type);
            events.Add(written);
        }

        return events;
    }

    /// <summary>
    /// The rules a client holds a stream to: <c>message_start</c> first; blocks numbered from 0 in order, one open at a time, deltas of
    /// the block's own kind and only while it is open; then one <c>message_delta</c> and <c>message_stop</c>, unless an error ended it.
    /// </summary>
    public static void AssertWellFormed(IReadOnlyList<WrittenEvent> events)
    {
        Assert.Equal("message_start", events[0].Name);
        int? open = null;
        string? openType = null;
        var next = 0;
        for (var i = 1; i < events.Count; i++)
        {
            var e = events[i];
            switch (e.Name)
            {
                case "content_block_start":
                    Assert.Null(open);
                    Assert.Equal(next++, e.Data.GetProperty("index").GetInt32());
                    open = e.Data.GetProperty("index").GetInt32();
                    openType = e.Data.GetProperty("content_block").GetProperty("type").GetString();
                    break;
                case "content_block_delta":
                    Assert.Equal(open, e.Data.GetProperty("index").GetInt32());
                    var expected = openType switch { "text" => "text_delta", "thinking" => "thinking_delta", _ => "input_json_delta" };
                    Assert.Equal(expected, e.Data.GetProperty("delta").GetProperty("type").GetString());
                    break;
                case "content_block_stop":
                    Assert.Equal(open, e.Data.GetProperty("index").GetInt32());
                    open = null;
                    break;
                case "message_delta":
                    Assert.Null(open);
                    Assert.Equal("message_stop", events[i + 1].Name);
                    Assert.Equal(events.Count - 2, i);
                    break;
                case "message_stop":
                    Assert.Equal(events.Count - 1, i);
                    break;
                case "error":
                    Assert.Equal(events.Count - 1, i);
                    break;
                default:
                    Assert.Fail($"unexpected event {e}");
                    break;
            }
        }
    }

    /// <summary>Each block's deltas joined, by block index.</summary>
    public static List<(string Type, string Text)> Blocks(IReadOnlyList<WrittenEvent> events)
    {
        var blocks = new List<(string Type, StringBuilder Text)>();
        foreach (var e in events)
        {
            if (e.Name == "content_block_start")
            {
                blocks.Add((e.Data.GetProperty("content_block").GetProperty("type").GetString()!, new StringBuilder()));
            }
            else if (e.Name == "content_block_delta")
            {
                var delta = e.Data.GetProperty("delta");
                var field = delta.GetProperty("type").GetString() switch { "text_delta" => "text", "thinking_delta" => "thinking", _ => "partial_json" };
                blocks[e.Data.GetProperty("index").GetInt32()].Text.Append(delta.GetProperty(field).GetString());
            }
        }

        return [.. blocks.Select(b => (b.Type, b.Text.ToString()))];
    }

    public static WrittenEvent Single(IReadOnlyList<WrittenEvent> events, string name) => Assert.Single(events, e => e.Name == name);
}
