using System.Buffers;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Exchange;

namespace Gateway.Surfaces.Responses;

/// <summary>
/// Decodes a Responses API request into the gateway's exchange, a Chat Completions body: <c>instructions</c> becomes the system
/// message, the conversation's items (the stored ones a <c>previous_response_id</c> resolved, then this turn's) become messages,
/// function tools, <c>tool_choice</c>, <c>parallel_tool_calls</c>, <c>text.format</c>, <c>max_output_tokens</c> and the sampling fields
/// keep their meaning. What would change the answer and cannot be said in Chat Completions (built-in tools, files, items of other
/// types) is noted as untranslatable: only an OpenAI backend, which receives the request as sent, can serve it. What only tunes how
/// OpenAI works (<c>prompt_cache_key</c>, <c>include</c>, <c>reasoning</c>, <c>store: false</c>, ...) is left out and named.
/// </summary>
internal static partial class ResponsesRequestDecoder
{
    /// <summary>The decoded request, or the error; <see cref="Ignored"/> lists what was left out, <see cref="Untranslatable"/> what no translation carries.</summary>
    internal readonly record struct Decoded(ChatRequest? Request, ApiError? Error, IReadOnlyList<string> Ignored, ApiError? Untranslatable = null);

    /// <summary>Fields that only tune how OpenAI serves the request: left out of a translation, named in <c>x-gateway-ignored</c>.</summary>
    private static readonly HashSet<string> ProviderHints =
    [
        "prompt_cache_key", "prompt_cache_retention", "client_metadata", "metadata", "safety_identifier", "user", "service_tier",
        "truncation", "max_tool_calls", "top_logprobs", "context_management", "moderation", "reasoning", "include",
    ];

    /// <param name="items">The conversation as item objects, oldest first: stored turns, then this turn's input.</param>
    public static Decoded Decode(JsonElement root, IReadOnlyList<JsonElement> items, GlobalDefaults defaults, RequestLimits limits)
    {
        var notes = new DecodeNotes();
        var buffer = new ArrayBufferWriter<byte>(1024);
        (string Message, string? Param, string? Code)? error;
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            json.WriteString("model", root.GetProperty("model").GetString());
            error = WriteFields(root, json, notes) ?? WriteMessages(root, items, json, notes);
            if (error is null)
            {
                json.WriteEndObject();
            }
        }

        if (error is { } bad)
        {
            return new Decoded(null, ApiError.BadRequest(bad.Message, bad.Param, bad.Code), []);
        }

        var (request, invalid) = ChatRequestParser.Parse(JsonDocument.Parse(buffer.WrittenMemory), defaults, limits);
        var untranslatable = notes.Untranslatable is { } reason ? ApiError.BadRequest(reason, ParamOf(reason)) : null;
        return new Decoded(request, invalid, notes.Ignored, untranslatable);
    }

    private static (string, string?, string?)? WriteFields(JsonElement root, Utf8JsonWriter json, DecodeNotes notes)
    {
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (property.Name)
            {
                case "model" or "input" or "instructions" or "previous_response_id" or "stream_options" or "background":
                    break;
                case "stream":
                    json.WriteBoolean("stream", value.ValueKind == JsonValueKind.True);
                    if (value.ValueKind == JsonValueKind.True)
                    {
                        json.WriteStartObject("stream_options");
                        json.WriteBoolean("include_usage", true);
                        json.WriteEndObject();
                    }

                    break;
                case "store":
                    if (value.ValueKind == JsonValueKind.False)
                    {
                        notes.Add("store"); // nothing is kept by the gateway; the backend has no such setting
                    }

                    break;
                case "temperature" or "top_p":
                    if (value.ValueKind != JsonValueKind.Number)
                    {
                        return ($"{property.Name}: must be a number, not {ChatRequestParser.Describe(value)}.", property.Name, null);
                    }

                    json.WritePropertyName(property.Name);
                    value.WriteTo(json);
                    break;
                case "max_output_tokens":
                    if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var max) || max < 1)
                    {
                        return ($"max_output_tokens: must be a whole number of at least 1, not {ChatRequestParser.Describe(value)}.", "max_output_tokens", null);
                    }

                    json.WriteNumber("max_completion_tokens", max);
                    break;
                case "parallel_tool_calls":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        return ($"parallel_tool_calls: must be a boolean, not {ChatRequestParser.Describe(value)}.", "parallel_tool_calls", null);
                    }

                    json.WriteBoolean("parallel_tool_calls", value.GetBoolean());
                    break;
                case "tools":
                    if (WriteTools(value, json, notes) is { } badTools)
                    {
                        return (badTools, "tools", null);
                    }

                    break;
                case "tool_choice":
                    if (WriteToolChoice(value, json, notes) is { } badChoice)
                    {
                        return (badChoice, "tool_choice", null);
                    }

                    break;
                case "text":
                    if (WriteText(value, json, notes) is { } badText)
                    {
                        return badText;
                    }

                    break;
                default:
                    if (ProviderHints.Contains(property.Name) && IsEmpty(value))
                    {
                        break; // an empty list or object asks for nothing
                    }

                    notes.Add(property.Name);
                    break;
            }
        }

        return null;
    }

    private static bool IsEmpty(JsonElement value) =>
        (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
        || (value.ValueKind == JsonValueKind.Object && !value.EnumerateObject().Any());

    /// <summary>The field a message is about: <c>tools</c> for <c>tools[2].type: ...</c>, <c>input</c> for <c>input[3].content[0]...</c>.</summary>
    private static string ParamOf(string message)
    {
        var end = message.IndexOfAny(['[', '.', ':']);
        return end > 0 ? message[..end] : "input";
    }
}
