using System.Buffers;
using System.Text.Json;
using Gateway.Routing;

namespace Gateway.Backends;

/// <summary>
/// A token limit above what the candidate's model may generate (<c>max_output_tokens</c>) is lowered to it for that candidate, so a
/// client that asks for more than a model gives (Claude Code asks for 32000 or more) is answered instead of refused. The model could
/// not have written more anyway, so the answer is the same.
/// </summary>
internal static class OutputLimit
{
    private static readonly string[] LimitFields = ["max_completion_tokens", "max_tokens"];

    /// <summary>The request as <paramref name="candidate"/> should receive it, or null when it is within the model's limit (or none is configured).</summary>
    public static ChatRequest? For(ChatRequest request, Candidate candidate)
    {
        if (candidate.Backend.MaxOutputTokensFor(candidate.Model) is not int most || !Exceeds(request, most))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WireJson.Writer))
        {
            json.WriteStartObject();
            foreach (var property in request.Root.EnumerateObject())
            {
                if (IsLimit(property) && property.Value.TryGetInt64(out var asked) && asked > most)
                {
                    json.WriteNumber(property.Name, most);
                }
                else
                {
                    property.WriteTo(json);
                }
            }

            json.WriteEndObject();
        }

        return new ChatRequest(JsonDocument.Parse(buffer.WrittenMemory), request.Model, request.Stream, request.IncludeUsage)
        {
            DefaultTemperature = request.DefaultTemperature,
            DefaultMaxTokens = request.DefaultMaxTokens is int fallback ? Math.Min(fallback, most) : null,
        };
    }

    private static bool Exceeds(ChatRequest request, int most)
    {
        if (request.DefaultMaxTokens > most)
        {
            return true;
        }

        foreach (var property in request.Root.EnumerateObject())
        {
            if (IsLimit(property) && property.Value.TryGetInt64(out var asked) && asked > most)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLimit(JsonProperty property) =>
        property.Value.ValueKind == JsonValueKind.Number && (property.NameEquals(LimitFields[0]) || property.NameEquals(LimitFields[1]));
}
