using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Harness;

/// <summary>What the gateway answered: status, whole body, headers.</summary>
internal sealed record Answer(int Status, string Body, HttpResponseHeaders Headers, string? MediaType)
{
    public static async Task<Answer> ReadAsync(HttpResponseMessage response) => Of(response, await response.Content.ReadAsStringAsync());

    /// <summary>The answer of <paramref name="response"/>, whose body the test has read itself.</summary>
    public static Answer Of(HttpResponseMessage response, string body) =>
        new((int)response.StatusCode, body, response.Headers, response.Content.Headers.ContentType?.MediaType);

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public string? Backend => Header("x-gateway-backend");

    public int Attempts => int.Parse(Header("x-gateway-attempts") ?? "-1", CultureInfo.InvariantCulture);

    /// <summary>The <c>error.message</c> of an OpenAI-shaped error body.</summary>
    public string ErrorMessage => JsonDocument.Parse(Body).RootElement.GetProperty("error").GetProperty("message").GetString()!;

    public string ErrorCode => JsonDocument.Parse(Body).RootElement.GetProperty("error").GetProperty("code").GetString()!;

    /// <summary>The concatenated <c>delta.content</c> of an SSE answer.</summary>
    public string StreamedText()
    {
        var text = new StringBuilder();
        foreach (var line in Body.Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            using var chunk = JsonDocument.Parse(line["data: ".Length..]);
            if (chunk.RootElement.TryGetProperty("choices", out var choices))
            {
                foreach (var choice in choices.EnumerateArray())
                {
                    if (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                    {
                        text.Append(content.GetString());
                    }
                }
            }
        }

        return text.ToString();
    }
}
