using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Tests.Security.Fuzz;

/// <summary>
/// Mutates a valid JSON request at random: deletes, inserts and retypes fields anywhere in the tree, swaps in hostile strings (control
/// characters, invisible characters, paths, huge text), nests deeply, repeats array items, and damages the bytes themselves (truncation,
/// invalid UTF-8, unpaired surrogate escapes, stray punctuation). Every step is recorded so a failure can be read.
/// </summary>
internal sealed class JsonMutator(Random random)
{
    private static readonly string[] FieldNames =
    [
        "model", "messages", "stream", "stream_options", "include_usage", "temperature", "max_tokens", "max_completion_tokens", "tools",
        "tool_choice", "response_format", "n", "stop", "user", "input", "encoding_format", "role", "content", "tool_calls", "tool_call_id",
        "name", "function", "parameters", "type", "image_url", "url", "text", "arguments", "id", "x-extra",
    ];

    private static readonly string[] Strings =
    [
        "", " ", "user", "assistant", "system", "tool", "developer", "function", "wizard", "generator", "ollama/generator",
        "anthropic/generator", "openai/generator", "azure/generator", "lmstudio/generator", "nope/generator", "claude-3-haiku",
        "gpt-4o", "../../etc/passwd", "http://evil.example/x", "a\nb", "\u0000", "\u202egnp.exe", "\u200b", "😀", "é", "\\",
        "\"quoted\"", "auto", "none", "required", "image_url", "text", "data:image/png;base64,AAAA", "data:,", "{\"a\":1}", "null",
        "get_weather", "call_1", "json_object", "base64", "float", "%2e%2e", "model?x=1#y", "\t", "\u2028",
    ];

    public List<string> Steps { get; } = [];

    /// <summary>One to three mutations of <paramref name="json"/>; the result may or may not be valid.</summary>
    public byte[] Mutate(string json)
    {
        var node = JsonNode.Parse(json);
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            if (random.Next(6) == 0)
            {
                return DamageBytes(Serialize(node));
            }

            node = MutateTree(node);
        }

        return Serialize(node);
    }

    private JsonNode? MutateTree(JsonNode? root)
    {
        var nodes = new List<(JsonNode? Node, JsonNode? Parent, string Path)>();
        Collect(root, null, "$", nodes);
        var (target, parent, path) = nodes[random.Next(nodes.Count)];
        switch (random.Next(7))
        {
            case 0 when parent is JsonObject owner:
                Steps.Add($"delete {path}");
                owner.Remove(NameIn(owner, target));
                return root;
            case 1 when target is JsonObject obj:
                var name = FieldNames[random.Next(FieldNames.Length)];
                var value = RandomValue(2);
                Steps.Add($"set {path}.{name} = {Show(value)}");
                obj[name] = value;
                return root;
            case 2 when target is JsonArray array && array.Count > 0:
                var times = random.Next(2) == 0 ? random.Next(2, 5) : random.Next(60, 140);
                Steps.Add($"repeat {path}[0] {times} times");
                var first = array[0];
                for (var i = 0; i < times; i++)
                {
                    array.Add(first?.DeepClone());
                }

                return root;
            case 3:
                var deep = Nest(random.Next(2, 120));
                Steps.Add($"replace {path} with nesting");
                return Replace(root, target, parent, deep);
            default:
                var replacement = RandomValue(2);
                Steps.Add($"replace {path} with {Show(replacement)}");
                return Replace(root, target, parent, replacement);
        }
    }

    private byte[] DamageBytes(byte[] bytes)
    {
        switch (random.Next(5))
        {
            case 0:
                var length = random.Next(bytes.Length);
                Steps.Add($"truncate to {length} bytes");
                return bytes[..length];
            case 1:
                byte[] junk = [0xFF, 0xFE, 0xC3, 0x80, 0xED, 0xA0, 0x00, (byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'\\'];
                var b = junk[random.Next(junk.Length)];
                var at = random.Next(bytes.Length + 1);
                Steps.Add($"insert byte 0x{b:X2} at {at}");
                return [.. bytes[..at], b, .. bytes[at..]];
            case 2:
                var quote = QuoteInsideString(bytes);
                var escape = random.Next(2) == 0 ? "\\ud800" : "\\udfff";
                Steps.Add($"insert {escape} at {quote}");
                return [.. bytes[..quote], .. Encoding.ASCII.GetBytes(escape), .. bytes[quote..]];
            case 3:
                var levels = random.Next(50, 400);
                Steps.Add($"wrap in {levels} arrays");
                return [.. Encoding.ASCII.GetBytes(new string('[', levels)), .. bytes, .. Encoding.ASCII.GetBytes(new string(']', levels))];
            default:
                var flip = random.Next(bytes.Length);
                var copy = (byte[])bytes.Clone();
                copy[flip] = (byte)random.Next(256);
                Steps.Add($"byte {flip} := 0x{copy[flip]:X2}");
                return copy;
        }
    }

    private JsonNode? RandomValue(int depth)
    {
        switch (random.Next(depth > 0 ? 12 : 9))
        {
            case 0: return null;
            case 1: return JsonValue.Create(random.Next(2) == 0);
            case 2: return JsonValue.Create(Numbers[random.Next(Numbers.Length)]);
            case 3: return JsonValue.Create(random.NextDouble() * 4 - 1);
            case 4: return JsonValue.Create(new string('x', random.Next(20) == 0 ? random.Next(10_000, 300_000) : random.Next(1, 2_000)));
            case 5:
            case 6:
            case 7: return JsonValue.Create(Strings[random.Next(Strings.Length)]);
            case 8: return JsonValue.Create(RandomText());
            case 9: return new JsonObject { [FieldNames[random.Next(FieldNames.Length)]] = RandomValue(depth - 1) };
            case 10: return new JsonArray(RandomValue(depth - 1), RandomValue(depth - 1));
            default: return new JsonObject { ["role"] = Strings[random.Next(Strings.Length)], ["content"] = RandomValue(depth - 1) };
        }
    }

    private static readonly long[] Numbers = [0, -1, 1, 2, 3, int.MaxValue, (long)int.MaxValue + 1, long.MinValue, 4096, 65536];

    private string RandomText()
    {
        var text = new StringBuilder();
        var length = random.Next(1, 40);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0, 0x20),
                1 => (char)random.Next(0x20, 0x7F),
                2 => (char)random.Next(0xA0, 0xD7FF),
                _ => (char)random.Next(0xE000, 0xFFFE),
            });
        }

        return text.ToString();
    }

    private static JsonNode Nest(int levels)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < levels; i++)
        {
            node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        }

        return node;
    }

    private static JsonNode? Replace(JsonNode? root, JsonNode? target, JsonNode? parent, JsonNode? replacement)
    {
        switch (parent)
        {
            case JsonObject owner:
                owner[NameIn(owner, target)] = replacement;
                return root;
            case JsonArray array:
                array[IndexIn(array, target)] = replacement;
                return root;
            default:
                return replacement;
        }
    }

    private static void Collect(JsonNode? node, JsonNode? parent, string path, List<(JsonNode?, JsonNode?, string)> nodes)
    {
        nodes.Add((node, parent, path));
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    Collect(child, obj, $"{path}.{name}", nodes);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < Math.Min(array.Count, 8); i++)
                {
                    Collect(array[i], array, $"{path}[{i}]", nodes);
                }

                break;
        }
    }

    private static string NameIn(JsonObject owner, JsonNode? child) => owner.First(pair => ReferenceEquals(pair.Value, child)).Key;

    private static int IndexIn(JsonArray array, JsonNode? child)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (ReferenceEquals(array[i], child))
            {
                return i;
            }
        }

        return 0;
    }

    private int QuoteInsideString(byte[] bytes)
    {
        var quotes = new List<int>();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '"')
            {
                quotes.Add(i + 1);
            }
        }

        return quotes.Count == 0 ? 0 : quotes[random.Next(quotes.Count)];
    }

    private static byte[] Serialize(JsonNode? node) =>
        node is null ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(node, Options);

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 1024 };

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(Options) ?? "null";
        return text.Length <= 60 ? text : $"{text[..60]}… ({text.Length} chars)";
    }
}
