using System.Text.Json;
using Gateway.Backends;
using Gateway.Exchange;

namespace Gateway.Surfaces.Responses;

/// <summary>
/// What a Responses request must be before anything else is read: an object with a <c>model</c> and something to answer, and no
/// feature this gateway does not offer (<c>background</c>, server-side <c>conversation</c> objects, stored <c>prompt</c> templates).
/// </summary>
internal static class ResponsesRequestCheck
{
    public static ApiError? Problem(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ApiError.BadRequest($"The request body must be a JSON object, not {ChatRequestParser.Describe(root)}.");
        }

        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString()!.Trim().Length == 0)
        {
            return ApiError.BadRequest("Missing required parameter: 'model'.", "model", "missing_required_parameter");
        }

        foreach (var flag in (ReadOnlySpan<string>)["stream", "store", "background"])
        {
            if (root.TryGetProperty(flag, out var value) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                return ApiError.BadRequest($"{flag}: must be a boolean, not {ChatRequestParser.Describe(value)}.", flag);
            }
        }

        if (root.TryGetProperty("background", out var background) && background.ValueKind == JsonValueKind.True)
        {
            return Unsupported("background", "background mode is not offered by this gateway; send the request without it and wait for the answer (or stream it).");
        }

        if (root.TryGetProperty("conversation", out var conversation) && conversation.ValueKind != JsonValueKind.Null)
        {
            return Unsupported("conversation", "conversation objects are not offered by this gateway; continue a conversation with previous_response_id.");
        }

        if (root.TryGetProperty("prompt", out var prompt) && prompt.ValueKind != JsonValueKind.Null)
        {
            return Unsupported("prompt", "stored prompt templates are not offered by this gateway; send the instructions and input themselves.");
        }

        if (root.TryGetProperty("previous_response_id", out var previous) && previous.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return ApiError.BadRequest($"previous_response_id: must be a string, not {ChatRequestParser.Describe(previous)}.", "previous_response_id");
        }

        var hasInput = root.TryGetProperty("input", out var input) && input.ValueKind != JsonValueKind.Null
            && !(input.ValueKind == JsonValueKind.Array && input.GetArrayLength() == 0);
        return hasInput || PreviousId(root) is not null
            ? null
            : ApiError.BadRequest("Missing required parameter: 'input'.", "input", "missing_required_parameter");
    }

    public static string? PreviousId(JsonElement root) =>
        root.TryGetProperty("previous_response_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>The error OpenAI gives, word for word: clients match its code to resend the whole history.</summary>
    public static ApiError PreviousNotFound(string id) =>
        ApiError.BadRequest($"Previous response with id '{id}' not found.", "previous_response_id", "previous_response_not_found");

    private static ApiError Unsupported(string field, string why) => ApiError.BadRequest($"{field}: {why}", field, "unsupported_parameter");
}
