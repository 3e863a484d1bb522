using System.Net;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Security.Browser;

/// <summary>
/// What a web page can send without asking first — a <c>text/plain</c>, form or multipart POST — is refused 415 everywhere but the
/// pass-through; the pass-through forwards any body, so there a page of a foreign origin or a cross-site request is refused 403.
/// </summary>
public sealed class CrossSiteTests
{
    private const string Chat = """{"model":"generator","messages":[{"role":"user","content":"hi"}]}""";

    private static string Config(string ollama, string server = "") => $$"""
        llm:
          backend: ollama
          ollama:
            base_url: "{{ollama}}"
            models:
              generator: "llama3.2"
        tools:
          summarize:
            type: "llm"
            backend: "ollama"
            prompt_template: "Summarize: {input}"
        {{server}}
        """;

    private static async Task<HttpResponseMessage> PostAsync(TestGateway gateway, string path, string body, string? contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await gateway.Http.SendAsync(request);
    }

    [Theory]
    [InlineData("text/plain;charset=UTF-8")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task PostChat_SimpleRequestFromAForeignPage_415InOpenAiShapeAndNothingSpent(string? contentType)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, "/v1/chat/completions", Chat, contentType, ("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("unsupported_media_type", error.GetProperty("code").GetString());
        Assert.Contains("Content-Type: application/json", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(ollama.Requests);
    }

    [Theory]
    [InlineData("/tools/summarize/invoke", """{"input":"a long text"}""")]
    [InlineData("/select-model", """{"task_description":"write code"}""")]
    public async Task PostNativeEndpoint_TextPlain_415Problem(string path, string body)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, path, body, "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unsupported_media_type", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Empty(ollama.Requests);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/vnd.example+json")]
    public async Task PostChat_AnyJsonType_Served(string contentType)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, "/v1/chat/completions", Chat, contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostProxy_NonJsonBodyFromACommandLineClient_Forwarded()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, """{"status":"success"}"""));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, "/proxy/ollama/api/pull", """{"model":"llama3.2"}""", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/api/pull", Assert.Single(ollama.Requests).Path);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task PostProxy_CrossSite_403ProblemAndNothingForwarded(string header, string value)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url));

        using var response = await PostAsync(gateway, "/proxy/ollama/api/pull", """{"model":"llama3.2"}""", "text/plain", (header, value));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("cross_site_request", problem.GetProperty("code").GetString());
        Assert.Contains("server.cors_origins", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(ollama.Requests);
    }

    [Fact]
    public async Task PostProxy_ListedOriginOrTheGatewaysOwn_Forwarded()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        ollama.Enqueue(StubResponse.Json(200, """{"status":"success"}"""));
        ollama.Enqueue(StubResponse.Json(200, """{"status":"success"}"""));
        await using var gateway = await TestGateway.StartAsync(Config(ollama.Url, "server:\n  cors_origins: [\"https://app.example\"]"));

        using var listed = await PostAsync(gateway, "/proxy/ollama/api/pull", "{}", "text/plain", ("Origin", "https://app.example"), ("Sec-Fetch-Site", "cross-site"));
        using var own = await PostAsync(gateway, "/proxy/ollama/api/pull", "{}", "text/plain", ("Origin", gateway.Url), ("Sec-Fetch-Site", "same-origin"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (listed.StatusCode, own.StatusCode));
        Assert.Equal(2, ollama.Requests.Count);
    }
}
