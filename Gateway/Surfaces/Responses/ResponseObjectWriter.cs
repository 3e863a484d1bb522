using System.Text.Json;

namespace Gateway.Surfaces.Responses;

/// <summary>
/// Writes the Response object: every field the spec requires and the SDKs read, the request's own settings echoed (defaults where it
/// set none), the output items and the usage. One writer for whole answers and for the lifecycle events of a stream.
/// </summary>
internal static class ResponseObjectWriter
{
    /// <summary>What differs between one Response object and the next of the same turn.</summary>
    /// <param name="Status"><c>in_progress</c>, <c>completed</c>, <c>incomplete</c> or <c>failed</c>.</param>
    /// <param name="Output">The finished output items, each a JSON object.</param>
    /// <param name="IncompleteReason"><c>max_output_tokens</c> or <c>content_filter</c> for an incomplete answer.</param>
    internal readonly record struct State(string Status, string? Model, IReadOnlyList<byte[]> Output, ReportedUsage? Usage, string? IncompleteReason = null);

    public static void Write(Utf8JsonWriter json, ResponsesTurn turn, State state)
    {
        var request = turn.Request;
        json.WriteStartObject();
        json.WriteString("id", turn.Id);
        json.WriteString("object", "response");
        json.WriteNumber("created_at", turn.CreatedAt);
        json.WriteString("status", state.Status);
        json.WriteBoolean("background", false);
        if (state.Status == "in_progress")
        {
            json.WriteNull("completed_at");
        }
        else
        {
            json.WriteNumber("completed_at", turn.Now());
        }

        json.WriteNull("error");
        if (state.IncompleteReason is { } reason)
        {
            json.WriteStartObject("incomplete_details");
            json.WriteString("reason", reason);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("incomplete_details");
        }

        Echo(json, request, "instructions");
        Echo(json, request, "max_output_tokens");
        Echo(json, request, "max_tool_calls");
        json.WriteString("model", state.Model ?? (request.TryGetProperty("model", out var model) ? model.GetString() : string.Empty));
        json.WriteStartArray("output");
        foreach (var item in state.Output)
        {
            json.WriteRawValue(item, skipInputValidation: true);
        }

        json.WriteEndArray();
        Echo(json, request, "parallel_tool_calls", static json => json.WriteBooleanValue(true));
        Echo(json, request, "previous_response_id");
        Echo(json, request, "prompt_cache_key");
        Echo(json, request, "reasoning", static json =>
        {
            json.WriteStartObject();
            json.WriteNull("effort");
            json.WriteNull("summary");
            json.WriteEndObject();
        });
        Echo(json, request, "safety_identifier");
        json.WriteString("service_tier", "default");
        json.WriteBoolean("store", turn.Store);
        Echo(json, request, "temperature", static json => json.WriteNumberValue(1.0));
        Echo(json, request, "text", static json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("format");
            json.WriteString("type", "text");
            json.WriteEndObject();
            json.WriteString("verbosity", "medium");
            json.WriteEndObject();
        });
        Echo(json, request, "tool_choice", static json => json.WriteStringValue("auto"));
        Echo(json, request, "tools", static json =>
        {
            json.WriteStartArray();
            json.WriteEndArray();
        });
        json.WriteNumber("top_logprobs", 0);
        Echo(json, request, "top_p", static json => json.WriteNumberValue(1.0));
        Echo(json, request, "truncation", static json => json.WriteStringValue("disabled"));
        WriteUsage(json, state);
        Echo(json, request, "user");
        Echo(json, request, "metadata", static json =>
        {
            json.WriteStartObject();
            json.WriteEndObject();
        });
        json.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter json, State state)
    {
        if (state.Usage is not { } usage || state.Status == "in_progress")
        {
            json.WriteNull("usage");
            return;
        }

        json.WriteStartObject("usage");
        json.WriteNumber("input_tokens", usage.PromptTokens);
        json.WriteStartObject("input_tokens_details");
        json.WriteNumber("cached_tokens", usage.CachedTokens ?? 0);
        json.WriteNumber("cache_write_tokens", 0);
        json.WriteEndObject();
        json.WriteNumber("output_tokens", usage.CompletionTokens);
        json.WriteStartObject("output_tokens_details");
        json.WriteNumber("reasoning_tokens", usage.ReasoningTokens ?? 0);
        json.WriteEndObject();
        json.WriteNumber("total_tokens", usage.PromptTokens + usage.CompletionTokens);
        json.WriteEndObject();
    }

    /// <summary>The request's <paramref name="field"/> as it sent it; else <paramref name="otherwise"/>, or null.</summary>
    private static void Echo(Utf8JsonWriter json, JsonElement request, string field, Action<Utf8JsonWriter>? otherwise = null)
    {
        json.WritePropertyName(field);
        if (request.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            value.WriteTo(json);
        }
        else if (otherwise is not null)
        {
            otherwise(json);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
