using System.Net.Http.Headers;

namespace Gateway.Backends;

/// <summary>Builds the HTTP requests adapters hand to the dispatcher: a JSON body sent as written and the Accept header the answer needs.</summary>
internal static class UpstreamRequest
{
    public const string Json = "application/json";
    public const string EventStream = "text/event-stream";
    public const string Ndjson = "application/x-ndjson";

    public static HttpRequestMessage Post(string url, ReadOnlyMemory<byte> body, string accept)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(Json);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return request;
    }

    public static HttpRequestMessage Get(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Json));
        return request;
    }

    /// <summary>Adds <c>Authorization: Bearer</c> when a key is configured (LM Studio and local Ollama need none).</summary>
    public static void AddBearer(HttpRequestMessage request, string? apiKey)
    {
        if (!string.IsNullOrEmpty(apiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    /// <summary>The endpoint without a trailing slash, so paths join cleanly.</summary>
    public static string Base(string endpoint) => endpoint.TrimEnd('/');
}
