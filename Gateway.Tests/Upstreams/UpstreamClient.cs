using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gateway.Tests.Upstreams;

/// <summary>A plain <see cref="HttpClient"/> and a few readers the stub self-tests share.</summary>
internal static class UpstreamClient
{
    public static HttpClient Http { get; } = new();

    /// <summary>Sends a request with an optional JSON body and extra headers; the response headers are read, the body is not.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string url,
        string? json = null,
        IEnumerable<(string Name, string Value)>? headers = null,
        HttpClient? client = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await (client ?? Http).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public static Task<HttpResponseMessage> PostAsync(string url, string json, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, url, json, headers);

    public static Task<HttpResponseMessage> GetAsync(string url, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, url, headers: headers);

    /// <summary>The whole body parsed as JSON.</summary>
    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) => Parse(await response.Content.ReadAsStringAsync());

    /// <summary>The whole body split into raw server-sent events, each with its terminating blank line, as the stub wrote them.</summary>
    public static async Task<IReadOnlyList<string>> ReadRawEventsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(raw => raw + "\n\n")];
    }

    /// <summary>The whole body split into NDJSON lines.</summary>
    public static async Task<IReadOnlyList<string>> ReadLinesAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The JSON of each event's <c>data:</c> line, skipping <c>[DONE]</c>.</summary>
    public static IReadOnlyList<JsonElement> DataOf(IEnumerable<string> rawEvents) =>
        [.. rawEvents
            .Select(raw => raw.Split('\n').Single(line => line.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])
            .Where(data => data != "[DONE]")
            .Select(Parse)];

    /// <summary>Each element parsed as JSON.</summary>
    public static IReadOnlyList<JsonElement> ParseEach(IEnumerable<string> lines) =>
        [.. lines.Select(Parse)];

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
