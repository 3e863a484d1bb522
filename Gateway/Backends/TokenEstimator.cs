using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace Gateway.Backends;

/// <summary>
/// The gateway's one token estimator, for every count no upstream reported: context fit measures prompts with it, rate limits charge
/// request bodies by it, and usage accounting estimates the answers of upstreams that report no usage by it.
/// <list type="bullet">
/// <item><see cref="Measure"/>: a chat prompt. OpenAI-family models (<c>gpt-*</c>, <c>o1</c>/<c>o3</c>/<c>o4</c>, <c>chatgpt-*</c>, on any
/// backend) are counted with their own tiktoken encoding (o200k_base or cl100k_base, shipped with the gateway, no download); every other
/// model by the heuristic. Both add 3 tokens per message and 3 per prompt (the chat framing), 85 per image part, and count tool
/// definitions and tool-call arguments as text.</item>
/// <item><see cref="FromBytes(long)"/>: UTF-8 text as it arrived (a request body, a JSON string), without decoding it.</item>
/// <item><see cref="FromCharacters"/>: decoded text, such as the answer text an adapter decoded.</item>
/// </list>
/// The heuristic is one token per four characters, rounded up. Bytes stand in for characters where the text is not decoded, so
/// non-Latin text is over- rather than under-estimated and nothing is allocated.
/// </summary>
internal static class TokenEstimator
{
    public const int CharactersPerToken = 4;

    public const int PerMessage = 3;
    public const int PerPrompt = 3;
    public const int PerImage = 85;

    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    /// <summary>Measures <paramref name="request"/> as <paramref name="model"/> would count it.</summary>
    public static PromptSize Measure(ChatRequest request, string model)
    {
        var tokenizer = TokenizerFor(model);
        var messages = request.Messages;
        var perMessage = new int[messages.GetArrayLength()];
        var total = PerPrompt;
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            perMessage[i] = PerMessage + CountMessage(message, tokenizer);
            total += perMessage[i++];
        }

        var tools = request.TryGet("tools", out var definitions) ? Count(definitions.GetRawText(), tokenizer) : 0;
        return new PromptSize(total + tools, perMessage, MethodFor(model));
    }

    /// <summary>How <paramref name="model"/>'s prompts are counted: <c>o200k_base</c>, <c>cl100k_base</c> or <c>heuristic</c>.</summary>
    public static string MethodFor(string model)
    {
        var tokenizer = TokenizerFor(model);
        return tokenizer is null ? "heuristic" : ReferenceEquals(tokenizer, O200k.Value) ? "o200k_base" : "cl100k_base";
    }

    /// <summary>The tiktoken encoding of an OpenAI-family model; null for every other model (the heuristic counts those).</summary>
    public static Tokenizer? TokenizerFor(string model)
    {
        var name = model.AsSpan();
        var slash = name.LastIndexOf('/');
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        if (name.StartsWith("gpt-4o", StringComparison.OrdinalIgnoreCase) || name.StartsWith("gpt-4.1", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("gpt-4.5", StringComparison.OrdinalIgnoreCase) || name.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("chatgpt-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("o1", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("o3", StringComparison.OrdinalIgnoreCase) || name.StartsWith("o4", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("gpt-oss", StringComparison.OrdinalIgnoreCase))
        {
            return O200k.Value;
        }

        if (name.StartsWith("gpt-4", StringComparison.OrdinalIgnoreCase) || name.StartsWith("gpt-3.5", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("gpt-35", StringComparison.OrdinalIgnoreCase) || name.StartsWith("text-embedding-", StringComparison.OrdinalIgnoreCase))
        {
            return Cl100k.Value;
        }

        return null;
    }

    /// <summary>
    /// A bound no estimate exceeds, found without tokenizing: a token is at least one byte of text, and every image part's 85 tokens
    /// are covered by three times its JSON (at least 40 bytes). A prompt under every window by this bound needs no counting at all.
    /// </summary>
    public static long UpperBound(ChatRequest request)
    {
        var messages = request.Messages;
        long bytes = JsonMarshal.GetRawUtf8Value(messages).Length;
        if (request.TryGet("tools", out var tools))
        {
            bytes += JsonMarshal.GetRawUtf8Value(tools).Length;
        }

        return (3 * bytes) + ((long)PerMessage * messages.GetArrayLength()) + PerPrompt;
    }

    /// <summary>The heuristic for UTF-8 text that is not decoded: a byte counts as a character.</summary>
    public static long FromBytes(long bytes) => FromCharacters(bytes);

    /// <inheritdoc cref="FromBytes(long)"/>
    public static int FromBytes(int bytes) => (int)FromCharacters(bytes);

    /// <summary>The heuristic for decoded text: <paramref name="characters"/> / 4, rounded up.</summary>
    public static long FromCharacters(long characters) =>
        characters <= 0 ? 0 : (characters + CharactersPerToken - 1) / CharactersPerToken;

    private static int CountMessage(JsonElement message, Tokenizer? tokenizer)
    {
        var tokens = 0;
        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                tokens += Count(content, tokenizer);
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    tokens += CountPart(part, tokenizer);
                }
            }
        }

        if (message.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            tokens += Count(name, tokenizer);
        }

        if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in calls.EnumerateArray())
            {
                if (call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
                {
                    tokens += Text(function, "name", tokenizer) + Text(function, "arguments", tokenizer);
                }
            }
        }

        return tokens;
    }

    private static int CountPart(JsonElement part, Tokenizer? tokenizer)
    {
        if (part.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }

        if (part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
        {
            return Count(text, tokenizer);
        }

        return part.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is "image_url" or "input_image"
            ? PerImage
            : 0;
    }

    private static int Text(JsonElement owner, string property, Tokenizer? tokenizer) =>
        owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? Count(value, tokenizer) : 0;

    /// <summary>A JSON string's tokens: decoded for a tokenizer; for the heuristic, its raw length without the quotes.</summary>
    private static int Count(JsonElement text, Tokenizer? tokenizer) =>
        tokenizer is null ? FromBytes(JsonMarshal.GetRawUtf8Value(text).Length - 2) : tokenizer.CountTokens(text.GetString()!);

    private static int Count(string text, Tokenizer? tokenizer) => tokenizer?.CountTokens(text) ?? FromBytes(Encoding.UTF8.GetByteCount(text));
}
