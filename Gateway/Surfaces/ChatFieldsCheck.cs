using System.Text.Json;
using Gateway.Exchange;

namespace Gateway.Surfaces;

/// <summary>
/// Checks the type and range of each sampling and output field of a chat request the way OpenAI does, once, so that a wrong value is a
/// 400 naming the field whichever backend would have served it, instead of whatever a translating adapter makes of it. <c>null</c> is
/// accepted for every field, as OpenAI accepts it. <c>tools</c> and <c>tool_choice</c> are <see cref="ChatToolsCheck"/>'s.
/// </summary>
internal static class ChatFieldsCheck
{
    private static readonly Field[] Fields =
    [
        new("stream", Boolean),
        new("stream_options", StreamOptions),
        new("temperature", value => Number(value, 0, 2)),
        new("top_p", value => Number(value, 0, 1)),
        new("presence_penalty", value => Number(value, -2, 2)),
        new("frequency_penalty", value => Number(value, -2, 2)),
        new("max_tokens", value => Integer(value, 1, int.MaxValue)),
        new("max_completion_tokens", value => Integer(value, 1, int.MaxValue)),
        new("n", value => Integer(value, 1, 128)),
        new("seed", value => Integer(value, long.MinValue, long.MaxValue)),
        new("logprobs", Boolean),
        new("top_logprobs", value => Integer(value, 0, 20)),
        new("stop", Stop),
        new("response_format", ResponseFormat),
        new("user", value => value.ValueKind == JsonValueKind.String ? null : "a string"),
    ];

    public static ApiError? Check(JsonElement root)
    {
        foreach (var field in Fields)
        {
            if (root.TryGetProperty(field.Name, out var value) && value.ValueKind != JsonValueKind.Null && field.Expected(value) is { } expected)
            {
                return ApiError.BadRequest($"'{field.Name}' must be {expected}, not {ChatRequestParser.Describe(value)}.", field.Name);
            }
        }

        return root.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("include_usage", out var usage) && usage.ValueKind != JsonValueKind.Null && Boolean(usage) is { } boolean
            ? ApiError.BadRequest($"'stream_options.include_usage' must be {boolean}, not {ChatRequestParser.Describe(usage)}.", "stream_options.include_usage")
            : null;
    }

    private static string? Boolean(JsonElement value) => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "a boolean";

    private static string? Number(JsonElement value, double min, double max) =>
        value.ValueKind == JsonValueKind.Number && value.GetDouble() >= min && value.GetDouble() <= max ? null : $"a number between {min} and {max}";

    private static string? Integer(JsonElement value, long min, long max)
    {
        var what = (min, max) switch
        {
            (long.MinValue, _) => "an integer",
            (_, int.MaxValue) => "a positive integer",
            _ => $"an integer between {min} and {max}",
        };
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max ? null : what;
    }

    private static string? Stop(JsonElement value)
    {
        const string Expected = "a string or an array of strings";
        return value.ValueKind switch
        {
            JsonValueKind.String => null,
            JsonValueKind.Array => value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String) ? null : Expected,
            _ => Expected,
        };
    }

    private static string? StreamOptions(JsonElement value) => value.ValueKind == JsonValueKind.Object ? null : "an object such as {\"include_usage\":true}";

    private static string? ResponseFormat(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? null
            : "an object with a string 'type': \"text\", \"json_object\" or \"json_schema\"";

    private sealed record Field(string Name, Func<JsonElement, string?> Expected);
}
