using System.Buffers;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Exchange;

namespace Gateway.Surfaces.Anthropic;

/// <summary>
/// Decodes an Anthropic Messages request into the gateway's exchange, a Chat Completions body, in one pass with no tree built:
/// <c>system</c> (a string or text blocks, in order) becomes the system message; text and image blocks become content parts;
/// <c>tool_use</c> becomes <c>tool_calls</c> and <c>tool_result</c> a <c>tool</c> message with the same id, placed right after the call
/// (T6); tools, <c>tool_choice</c>, <c>stop_sequences</c>, <c>max_tokens</c>, <c>temperature</c>, <c>top_p</c> and
/// <c>output_config.format</c> keep their meaning. What would change the answer and cannot be said in Chat Completions (documents,
/// server tools) is a 400 naming the field. What only tunes how Anthropic works (<c>cache_control</c>, <c>thinking</c>, thinking
/// blocks of earlier turns, <c>context_management</c>, <c>top_k</c>, ...) is left out and named in <see cref="Decoded.Ignored"/>.
/// </summary>
internal static partial class MessagesRequestDecoder
{
    /// <summary>
    /// The decoded request, or the error in the gateway's terms; <see cref="Ignored"/> lists what was left out. <see cref="Untranslatable"/>
    /// says what the translation could not carry at all (a document, a server tool): only a backend that receives the request as it
    /// was sent can serve it, and for any other it is the 400.
    /// </summary>
    internal readonly record struct Decoded(ChatRequest? Request, ApiError? Error, IReadOnlyList<string> Ignored, ApiError? Untranslatable = null);


    /// <param name="requireMaxTokens">False for <c>count_tokens</c>, whose body has no <c>max_tokens</c>.</param>
    public static Decoded Decode(JsonElement root, GlobalDefaults defaults, RequestLimits limits, bool requireMaxTokens = true)
    {
        var ignored = new DecodeNotes();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail($"The request body must be a JSON object, not {ChatRequestParser.Describe(root)}.", null);
        }

        if (Required(root, "model", JsonValueKind.String) is { } noModel)
        {
            return Fail(noModel, "model");
        }

        var noMax = !root.TryGetProperty("max_tokens", out var maxTokens) || maxTokens.ValueKind == JsonValueKind.Null;
        if (noMax && requireMaxTokens)
        {
            return Fail("max_tokens: Field required (the most tokens the answer may have, e.g. \"max_tokens\": 1024).", "max_tokens");
        }

        var max = 0;
        if (!noMax && (maxTokens.ValueKind != JsonValueKind.Number || !maxTokens.TryGetInt32(out max) || max < 1))
        {
            return Fail($"max_tokens: must be a whole number of at least 1, not {ChatRequestParser.Describe(maxTokens)}.", "max_tokens");
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        string? error;
        string? param;
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteString("model", root.GetProperty("model").GetString());
            if (!noMax)
            {
                json.WriteNumber("max_completion_tokens", max); // OpenAI's current name; adapters of servers that read max_tokens rename it
            }

            (error, param) = WriteBody(root, json, ignored);
            if (error is null)
            {
                json.WriteEndObject();
            }
        }

        if (error is not null)
        {
            return Fail(error, param);
        }

        var (request, invalid) = ChatRequestParser.Parse(JsonDocument.Parse(buffer.WrittenMemory), defaults, limits);
        var untranslatable = ignored.Untranslatable is { } reason ? ApiError.BadRequest(reason, FieldOf(reason)) : null;
        return new Decoded(request, invalid, ignored.Ignored, untranslatable);

        Decoded Fail(string message, string? field) => new(null, ApiError.BadRequest(message, field), []);
    }

    private static (string? Error, string? Param) WriteBody(JsonElement root, Utf8JsonWriter json, DecodeNotes ignored)
    {
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "model" or "max_tokens" or "system" or "messages":
                    break;
                case "stream":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        return ($"stream: must be a boolean, not {ChatRequestParser.Describe(value)}.", "stream");
                    }

                    json.WriteBoolean("stream", value.GetBoolean());
                    if (value.GetBoolean())
                    {
                        json.WriteStartObject("stream_options");
                        json.WriteBoolean("include_usage", true);
                        json.WriteEndObject();
                    }

                    break;
                case "temperature" or "top_p":
                    if (value.ValueKind != JsonValueKind.Number)
                    {
                        return ($"{property.Name}: must be a number, not {ChatRequestParser.Describe(value)}.", property.Name);
                    }

                    json.WritePropertyName(property.Name);
                    value.WriteTo(json);
                    break;
                case "stop_sequences":
                    if (StopSequences(value) is { } badStop)
                    {
                        return (badStop, "stop_sequences");
                    }

                    json.WritePropertyName("stop");
                    value.WriteTo(json);
                    break;
                case "tools":
                    if (WriteTools(value, json, ignored) is { } badTools)
                    {
                        return badTools;
                    }

                    break;
                case "tool_choice":
                    if (WriteToolChoice(value, json) is { } badChoice)
                    {
                        return (badChoice, "tool_choice");
                    }

                    break;
                case "output_config":
                    if (WriteOutputConfig(value, json, ignored) is { } badOutput)
                    {
                        return (badOutput, "output_config");
                    }

                    break;
                default:
                    ignored.Add(property.Name);
                    break;
            }
        }

        return WriteMessages(root, json, ignored);
    }

    private static string? StopSequences(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return $"stop_sequences: must be a list of strings, not {ChatRequestParser.Describe(value)}.";
        }

        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return $"stop_sequences: every item must be a string, not {ChatRequestParser.Describe(item)}.";
            }
        }

        return null;
    }

    private static string? WriteToolChoice(JsonElement value, Utf8JsonWriter json)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return "tool_choice: must be an object with a type: auto, any, tool or none.";
        }

        switch (type.GetString())
        {
            case "auto":
                json.WriteString("tool_choice", "auto");
                break;
            case "any":
                json.WriteString("tool_choice", "required");
                break;
            case "none":
                json.WriteString("tool_choice", "none");
                break;
            case "tool":
                if (!value.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return "tool_choice.name: Field required when tool_choice.type is tool.";
                }

                json.WriteStartObject("tool_choice");
                json.WriteString("type", "function");
                json.WriteStartObject("function");
                json.WriteString("name", name.GetString());
                json.WriteEndObject();
                json.WriteEndObject();
                break;
            default:
                return $"tool_choice.type: '{type.GetString()}' is not one of auto, any, tool, none.";
        }

        if (value.TryGetProperty("disable_parallel_tool_use", out var serial) && serial.ValueKind == JsonValueKind.True)
        {
            json.WriteBoolean("parallel_tool_calls", false);
        }

        return null;
    }

    private static string? WriteOutputConfig(JsonElement value, Utf8JsonWriter json, DecodeNotes ignored)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return $"output_config: must be an object, not {ChatRequestParser.Describe(value)}.";
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name != "format")
            {
                ignored.Add($"output_config.{property.Name}");
                continue;
            }

            var format = property.Value;
            if (format.ValueKind != JsonValueKind.Object || !format.TryGetProperty("type", out var type) || type.GetString() != "json_schema"
                || !format.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
            {
                return "output_config.format: must be {\"type\": \"json_schema\", \"schema\": {...}}.";
            }

            json.WriteStartObject("response_format");
            json.WriteString("type", "json_schema");
            json.WriteStartObject("json_schema");
            json.WriteString("name", "output");
            json.WritePropertyName("schema");
            schema.WriteTo(json);
            json.WriteBoolean("strict", true);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return null;
    }

    /// <summary>The turn or tool a message is about: <c>messages.0</c> for <c>messages.0.content.1.type: ...</c>, <c>tools.2</c> for <c>tools.2.type: ...</c>.</summary>
    private static string FieldOf(string message)
    {
        var field = message[..Math.Max(0, message.IndexOf(':', StringComparison.Ordinal))];
        var content = field.IndexOf(".content", StringComparison.Ordinal);
        field = content >= 0 ? field[..content] : field;
        return field.EndsWith(".type", StringComparison.Ordinal) ? field[..^".type".Length] : field;
    }

    private static string? Required(JsonElement root, string name, JsonValueKind kind)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return $"{name}: Field required.";
        }

        return value.ValueKind == kind && (kind != JsonValueKind.String || value.GetString()!.Trim().Length > 0)
            ? null
            : $"{name}: must be a non-empty {kind.ToString().ToLowerInvariant()}, not {ChatRequestParser.Describe(value)}.";
    }
}
