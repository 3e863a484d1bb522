using System.Text;
using System.Text.Json;

namespace Gateway.Backends.Azure;

/// <summary>
/// Names what Azure's content filter blocked, from <c>error.innererror.content_filter_result</c> (the wire spelling; some docs write
/// <c>content_filter_results</c>, accepted too), e.g. <c>filtered: self_harm (medium)</c>.
/// </summary>
internal static class AzureContentFilter
{
    public static string? Describe(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("innererror", out var inner)
            || inner.ValueKind != JsonValueKind.Object
            || !(inner.TryGetProperty("content_filter_result", out var results) || inner.TryGetProperty("content_filter_results", out results))
            || results.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var filtered = new StringBuilder();
        foreach (var category in results.EnumerateObject())
        {
            if (category.Value.ValueKind != JsonValueKind.Object
                || !category.Value.TryGetProperty("filtered", out var flag)
                || flag.ValueKind != JsonValueKind.True)
            {
                continue;
            }

            filtered.Append(filtered.Length == 0 ? "filtered: " : ", ").Append(category.Name);
            if (category.Value.TryGetProperty("severity", out var severity) && severity.ValueKind == JsonValueKind.String)
            {
                filtered.Append(" (").Append(severity.GetString()).Append(')');
            }
        }

        return filtered.Length == 0 ? null : filtered.ToString();
    }
}
