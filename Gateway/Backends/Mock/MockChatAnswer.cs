using System.Text;
using System.Text.Json;
using Gateway.Configuration;

namespace Gateway.Backends.Mock;

/// <summary>
/// The mock's chat answer: <c>reply</c>, or a greeting that quotes the last user message, one token per word. It honours
/// <c>max_tokens</c>/<c>max_completion_tokens</c> (cut with <c>finish_reason: "length"</c>), <c>stream</c> and
/// <c>stream_options.include_usage</c>, in exactly the shapes OpenAI sends.
/// </summary>
internal static class MockChatAnswer
{
    private const int QuoteLimit = 200;
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public static HttpResponseMessage Create(JsonElement root, MockPrompt prompt, BackendConfig backend, MockSettings settings, long created, TimeProvider time)
    {
        var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : backend.Name;
        var pieces = Pieces(settings.Reply ?? DefaultReply(backend.Name, model, prompt.Demand));
        var finishReason = "stop";
        if (MaxTokens(root) is { } max && max < pieces.Count)
        {
            pieces.RemoveRange(max, pieces.Count - max);
            finishReason = "length";
        }

        var usage = new Usage(prompt.Tokens, pieces.Count);
        var id = OpenAiIds.NewCompletionId();
        if (!IsTrue(root, "stream"))
        {
            return MockResponses.Json(200, OpenAiCompletionWriter.Write(id, created, model, string.Concat(pieces), [], finishReason, usage));
        }

        var includeUsage = root.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object && IsTrue(options, "include_usage");
        using var chunks = new OpenAiChunkWriter(id, created, model);
        var frames = new List<byte[]>(pieces.Count + 4) { Frame(chunks.Role()) };
        foreach (var piece in pieces)
        {
            frames.Add(Frame(chunks.Content(piece)));
        }

        frames.Add(Frame(chunks.Finish(finishReason)));
        if (includeUsage)
        {
            frames.Add(Frame(chunks.UsageChunk(usage)));
        }

        frames.Add(Done);
        return MockResponses.EventStream(frames, settings.ChunkDelay, time);
    }

    /// <summary>The text split into tokens, each word with the whitespace before it, so the pieces join back to the text exactly.</summary>
    public static List<string> Pieces(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            pieces.Add(text[start..i]);
            start = i;
        }

        return pieces;
    }

    private static string DefaultReply(string backend, string model, string lastUser)
    {
        var quoted = lastUser.Trim();
        if (quoted.Length == 0)
        {
            quoted = "(nothing)";
        }
        else if (quoted.Length > QuoteLimit)
        {
            quoted = string.Concat(quoted.AsSpan(0, QuoteLimit), "…");
        }

        return $"Hello from the gateway's mock backend '{backend}' (model {model}). You wrote: {quoted}";
    }

    private static int? MaxTokens(JsonElement root)
    {
        foreach (var name in (ReadOnlySpan<string>)["max_completion_tokens", "max_tokens"])
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var max) && max > 0)
            {
                return max;
            }
        }

        return null;
    }

    private static bool IsTrue(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    private static byte[] Frame(byte[] json)
    {
        var frame = new byte[DataPrefix.Length + json.Length + 2];
        DataPrefix.CopyTo(frame, 0);
        json.CopyTo(frame, DataPrefix.Length);
        frame[^2] = (byte)'\n';
        frame[^1] = (byte)'\n';
        return frame;
    }
}
