using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Backends.Anthropic;

namespace Gateway.Tests.Parity.Responses;

/// <summary>
/// Reads what an upstream was asked into an <see cref="UpstreamView"/>, one reader per protocol: Chat Completions (OpenAI, Azure,
/// LM Studio) and Ollama's <c>/api/chat</c>, which differ only in where they put images, limits and schemas; Anthropic Messages; and the
/// Responses API itself for an OpenAI backend. JSON values (arguments, schemas) are re-serialised compactly so that they compare.
/// </summary>
internal static class UpstreamReaders
{
    private const string DataPrefix = "data:image/png;base64,";

    public static UpstreamView Chat(JsonElement body)
    {
        string? system = null;
        var turns = new List<UpstreamTurn>();
        foreach (var message in body.At("messages").EnumerateArray())
        {
            var role = message.Text("role");
            var (text, images) = ChatContent(message);
            if (role is "system" or "developer")
            {
                system = system is null ? text : $"{system}\n{text}";
                continue;
            }

            List<UpstreamCall> calls = message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array
                ? [.. toolCalls.EnumerateArray().Select(call => new UpstreamCall(Optional(call, "id"), call.Text("function", "name"), Compact(call.At("function", "arguments"))))]
                : [];
            var resultFor = role == "tool" ? Optional(message, "tool_call_id") ?? Optional(message, "tool_name") : null;
            turns.Add(new UpstreamTurn(role, text, images, calls, resultFor));
        }

        var tools = Tools(body, tool => (tool.At("function"), "parameters"));
        var maxTokens = Number(body, "max_tokens") ?? Number(body, "max_completion_tokens")
            ?? (body.TryGetProperty("options", out var options) ? Number(options, "num_predict") : null);
        var format = ChatSchema(body);
        return new UpstreamView(system, turns, tools, maxTokens, format.Schema, format.Name, Flag(body, "stream"));
    }

    public static UpstreamView Anthropic(JsonElement body)
    {
        var system = body.TryGetProperty("system", out var s)
            ? s.ValueKind == JsonValueKind.String ? s.GetString() : string.Join("\n", s.EnumerateArray().Select(block => block.Text("text")))
            : null;
        string? schema = null;
        if (system?.IndexOf(AnthropicSystemPrompt.JsonObjectInstruction, StringComparison.Ordinal) is >= 0 and var at)
        {
            // The gateway asks for JSON in words; the schema follows its instruction. What precedes it is the client's system prompt.
            var marker = system.IndexOf(AnthropicSystemPrompt.JsonSchemaInstruction + "\n", at, StringComparison.Ordinal);
            schema = marker < 0 ? null : CompactText(system[(marker + AnthropicSystemPrompt.JsonSchemaInstruction.Length + 1)..]);
            system = system[..at].TrimEnd() is { Length: > 0 } before ? before : null;
        }

        var turns = new List<UpstreamTurn>();
        foreach (var message in body.At("messages").EnumerateArray())
        {
            var content = message.At("content");
            if (content.ValueKind == JsonValueKind.String)
            {
                turns.Add(UpstreamTurn.Say(message.Text("role"), content.GetString()!));
                continue;
            }

            var blocks = content.EnumerateArray().ToList();
            foreach (var result in blocks.Where(b => b.Text("type") == "tool_result"))
            {
                var resultContent = result.At("content");
                var text = resultContent.ValueKind == JsonValueKind.String ? resultContent.GetString()! : string.Concat(resultContent.EnumerateArray().Select(b => b.Text("text")));
                turns.Add(new UpstreamTurn("tool", text, [], [], result.Text("tool_use_id")));
            }

            var rest = blocks.Where(b => b.Text("type") != "tool_result").ToList();
            if (rest.Count > 0)
            {
                turns.Add(new UpstreamTurn(
                    message.Text("role"),
                    string.Concat(rest.Where(b => b.Text("type") == "text").Select(b => b.Text("text"))),
                    [.. rest.Where(b => b.Text("type") == "image").Select(b => b.Text("source", "data"))],
                    [.. rest.Where(b => b.Text("type") == "tool_use").Select(b => new UpstreamCall(b.Text("id"), b.Text("name"), Compact(b.At("input"))))]));
            }
        }

        var tools = Tools(body, tool => (tool, "input_schema"));
        return new UpstreamView(system, turns, tools, Number(body, "max_tokens"), schema, null, Flag(body, "stream"));
    }

    public static UpstreamView Responses(JsonElement body)
    {
        var system = Optional(body, "instructions");
        var turns = new List<UpstreamTurn>();
        var input = body.At("input");
        var items = input.ValueKind == JsonValueKind.String ? [] : input.EnumerateArray().ToList();
        if (input.ValueKind == JsonValueKind.String)
        {
            turns.Add(UpstreamTurn.Say("user", input.GetString()!));
        }

        foreach (var item in items)
        {
            switch (Optional(item, "type") ?? "message")
            {
                case "message":
                    var (text, images) = ResponsesContent(item.At("content"));
                    var role = item.Text("role");
                    if (role is "system" or "developer")
                    {
                        system = system is null ? text : $"{system}\n{text}";
                    }
                    else
                    {
                        turns.Add(new UpstreamTurn(role, text, images, []));
                    }

                    break;
                case "function_call":
                    var call = new UpstreamCall(item.Text("call_id"), item.Text("name"), Compact(item.At("arguments")));
                    if (turns is [.., { Role: "assistant", ResultFor: null } last])
                    {
                        turns[^1] = last with { Calls = [.. last.Calls, call] }; // the calls of one assistant turn, as Chat Completions holds them
                    }
                    else
                    {
                        turns.Add(new UpstreamTurn("assistant", "", [], [call]));
                    }

                    break;
                case "function_call_output":
                    turns.Add(new UpstreamTurn("tool", item.Text("output"), [], [], item.Text("call_id")));
                    break;
            }
        }

        var tools = Tools(body, tool => (tool, "parameters"));
        (string? Schema, string? Name) format = body.TryGetProperty("text", out var options) && options.TryGetProperty("format", out var spec) && Optional(spec, "type") == "json_schema"
            ? (Compact(spec.At("schema")), Optional(spec, "name"))
            : (null, null);
        return new UpstreamView(system, turns, tools, Number(body, "max_output_tokens"), format.Schema, format.Name, Flag(body, "stream"));
    }

    /// <summary>Chat Completions' <c>response_format.json_schema</c>, or Ollama's <c>format</c> schema (which has no name).</summary>
    private static (string? Schema, string? Name) ChatSchema(JsonElement body)
    {
        if (body.TryGetProperty("response_format", out var format) && format.TryGetProperty("json_schema", out var spec))
        {
            return (Compact(spec.At("schema")), Optional(spec, "name"));
        }

        return body.TryGetProperty("format", out var schema) && schema.ValueKind == JsonValueKind.Object ? (Compact(schema), null) : (null, null);
    }

    private static (string Text, List<string> Images) ChatContent(JsonElement message)
    {
        List<string> images = message.TryGetProperty("images", out var ollama) ? [.. ollama.EnumerateArray().Select(i => i.GetString()!)] : [];
        if (!message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return (content.ValueKind == JsonValueKind.String ? content.GetString()! : "", images);
        }

        var parts = content.EnumerateArray().ToList();
        images.AddRange(parts.Where(p => p.Text("type") == "image_url").Select(p => Unwrap(p.Text("image_url", "url"))));
        return (string.Concat(parts.Where(p => p.Text("type") == "text").Select(p => p.Text("text"))), images);
    }

    private static (string Text, List<string> Images) ResponsesContent(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return (content.GetString()!, []);
        }

        var parts = content.EnumerateArray().ToList();
        return (
            string.Concat(parts.Where(p => p.Text("type") is "input_text" or "output_text").Select(p => p.Text("text"))),
            [.. parts.Where(p => p.Text("type") == "input_image").Select(p => Unwrap(p.Text("image_url")))]);
    }

    /// <summary>A data URL's base64 payload (what Anthropic and Ollama are sent); any other URL as it is.</summary>
    private static string Unwrap(string url) => url.StartsWith(DataPrefix, StringComparison.Ordinal) ? url[DataPrefix.Length..] : url;

    private static List<UpstreamTool> Tools(JsonElement body, Func<JsonElement, (JsonElement Holder, string Schema)> locate) =>
        body.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
            ? [.. tools.EnumerateArray().Select(tool =>
            {
                var (holder, field) = locate(tool);
                return new UpstreamTool(holder.Text("name"), Optional(holder, "description"), Compact(holder.At(field)));
            })]
            : [];

    /// <summary>A JSON value compactly, or the JSON a string holds (function arguments are a JSON string in OpenAI's protocols).</summary>
    private static string Compact(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? CompactText(value.GetString()!) : JsonNode.Parse(value.GetRawText())!.ToJsonString();

    private static string CompactText(string json) => JsonNode.Parse(json)?.ToJsonString() ?? "null";

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static bool Flag(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
