using System.ClientModel;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Security;

/// <summary><c>server.api_keys</c>: every endpoint but <c>GET /health</c> needs one of the keys.</summary>
public sealed class GatewayKeyTests : IAsyncLifetime
{
    internal const string Key = "gw-test-key-0123456789abcdef";
    internal const string SecondKey = "gw-second-key-0123456789abcdef";

    private StubUpstream _ollama = null!;
    private TestGateway _gateway = null!;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/v1/models" },
        { "GET", "/v1/models/generator" },
        { "POST", "/v1/chat/completions" },
        { "POST", "/v1/embeddings" },
        { "GET", "/v1/no-such-endpoint" },
        { "GET", "/health/backends" },
        { "HEAD", "/health/backends" },
        { "POST", "/health" },
        { "GET", "/no-such-page" },
        { "GET", "/swagger/v1/swagger.json" },
        { "GET", "/swagger/index.html" },
        { "GET", "/metrics" },
    };

    public async Task InitializeAsync()
    {
        _ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        _gateway = await TestGateway.For($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{_ollama.Url}}"
                models: { generator: "llama3.2" }
                embedding_model: "nomic-embed-text"
            server:
              api_keys: ["${GATEWAY_KEY}", "{{SecondKey}}"]
            """).WithVariable("GATEWAY_KEY", Key).StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _ollama.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AnyEndpoint_NoKey_401BeforeReachingIt(string method, string path)
    {
        using var response = await _gateway.Http.SendAsync(Request(method, path));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Empty(_ollama.Requests);
        if (method != "HEAD")
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("Authorization: Bearer", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AnyEndpoint_WrongKey_401(string method, string path)
    {
        using var request = Request(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key + "x");

        using var response = await _gateway.Http.SendAsync(request);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Empty(_ollama.Requests);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AnyEndpoint_RightKey_PassesTheKeyCheck(string method, string path)
    {
        using var request = Request(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        using var response = await _gateway.Http.SendAsync(request);

        Assert.NotEqual(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task V1_NoKey_OpenAiShapedError()
    {
        using var response = await _gateway.Http.GetAsync("/v1/models");

        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("authentication_error", error.GetProperty("type").GetString());
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task GatewayNativeEndpoint_NoKey_ProblemDetails()
    {
        using var response = await _gateway.Http.GetAsync("/health/backends");

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("invalid_api_key", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Probes_NoKey_200(string path)
    {
        using var response = await _gateway.Http.GetAsync(path);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task WrongKey_ErrorNeverEchoesWhatWasSent()
    {
        using var request = Request("GET", "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-client-typo-0123456789");

        using var response = await _gateway.Http.SendAsync(request);

        Assert.DoesNotContain("sk-client-typo", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Key)]
    [InlineData(SecondKey)]
    public async Task XApiKeyHeader_AnyConfiguredKey_Accepted(string key)
    {
        using var request = Request("GET", "/v1/models");
        request.Headers.Add("x-api-key", key);

        using var response = await _gateway.Http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task OpenAiSdk_GatewayKeyAsApiKey_Chats()
    {
        var answer = await _gateway.OpenAI(Key).GetChatClient("generator").CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.False(string.IsNullOrEmpty(answer.Value.Content[0].Text));
    }

    [Fact]
    public async Task OpenAiSdk_WrongKey_Raises401()
    {
        var failure = await Assert.ThrowsAsync<ClientResultException>(() =>
            _gateway.OpenAI("not-the-key-0123456789").GetChatClient("generator").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, failure.Status);
        Assert.Empty(_ollama.Requests);
    }

    internal static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            var body = path.EndsWith("embeddings", StringComparison.Ordinal)
                ? """{"model":"nomic-embed-text","input":"hi"}"""
                : """{"model":"generator","messages":[{"role":"user","content":"hi"}]}""";
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }
}
