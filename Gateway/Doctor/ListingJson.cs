using System.Text.Json;
using Gateway.Configuration;

namespace Gateway.Doctor;

/// <summary>Reads the names out of a JSON model listing: <c>{"models":[{"name":…}]}</c> or <c>{"data":[{"id":…}]}</c>.</summary>
internal static class ListingJson
{
    /// <summary>Each element's <paramref name="fields"/> that are strings, from the array <paramref name="array"/>; null when the shape differs.</summary>
    public static IReadOnlyList<string>? Names(ReadOnlySpan<byte> body, string array, params ReadOnlySpan<string> fields)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(array, out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var names = new List<string>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var field in fields)
                {
                    if (item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } name
                        && !names.Contains(name))
                    {
                        names.Add(name);
                    }
                }
            }

            return names;
        }
    }

    /// <summary><c> (did you mean 'x'?)</c> for the listed name closest to <paramref name="model"/>, else empty.</summary>
    public static string Suggestion(string model, IEnumerable<string> listed) => DidYouMean.Hint(model, listed);
}
