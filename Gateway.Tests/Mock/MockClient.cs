using System.Text;
using Gateway.Backends.Mock;
using Gateway.Configuration;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Mock;

/// <summary>An HTTP client wired straight to one <see cref="MockHandler"/>, sending requests marked for a mock section read from YAML.</summary>
internal sealed class MockClient : IDisposable
{
    private readonly HttpClient _http;

    public MockClient(string sectionYaml = "{}", TimeProvider? time = null)
    {
        Backend = Parse($"llm:\n  mock: {sectionYaml}\n").Llm.Backends["mock"];
        _http = new HttpClient(new MockHandler(time ?? TimeProvider.System)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public BackendConfig Backend { get; }

    public Task<HttpResponseMessage> PostAsync(string path, string json, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Backend.BaseUrl + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return SendAsync(request, cancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, Backend.BaseUrl + path), default);

    public static string Chat(string userText, string extra = "") =>
        $$"""{"model":"mock-chat","messages":[{"role":"system","content":"Be brief"},{"role":"user","content":"{{userText}}"}]{{extra}}}""";

    /// <summary>The <c>data:</c> payloads of an event stream, in order.</summary>
    public static List<string> Events(string body) =>
        body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(frame =>
        {
            Assert.StartsWith("data: ", frame, StringComparison.Ordinal);
            return frame[6..];
        }).ToList();

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        MockRequest.Tag(request, Backend);
        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
