using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Security;

/// <summary>Each limit and each kind of hostile input: a specific 4xx that says what is wrong, and nothing sent upstream.</summary>
public sealed class RequestLimitTests : IAsyncLifetime
{
    private StubUpstream _ollama = null!;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        _gateway = await TestGateway.StartAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{_ollama.Url}}"
                models: { generator: "llama3.2" }
                embedding_model: "nomic-embed-text"
            server:
              max_request_bytes: 4096
              max_json_depth: 8
              max_messages: 3
            """);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _ollama.DisposeAsync();
    }

    [Fact]
    public async Task Body_LargerThanTheLimit_413NamingTheSetting()
    {
        using var response = await PostAsync(Chat(new string('x', 5000)));

        var error = await ErrorAsync(response, 413);
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
        Assert.Contains("4 KB", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("server.max_request_bytes", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_LargerThanTheLimitWithoutContentLength_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Chat(new string('x', 5000)))));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _gateway.Http.SendAsync(request);

        await ErrorAsync(response, 413);
    }

    [Fact]
    public async Task Body_NestedDeeperThanTheLimit_400NamingTheSetting()
    {
        var deep = new string('[', 20) + new string(']', 20);
        using var response = await PostAsync($$"""{"model":"generator","messages":[{"role":"user","content":"hi"}],"metadata":{{deep}}}""");

        var error = await ErrorAsync(response, 400);
        Assert.Contains("deeper than 8 levels", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("server.max_json_depth", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_MoreThanTheLimit_400NamingTheSetting()
    {
        using var response = await PostAsync("""{"model":"generator","messages":[{"role":"user","content":"1"},{"role":"user","content":"2"},{"role":"user","content":"3"},{"role":"user","content":"4"}]}""");

        var error = await ErrorAsync(response, 400);
        Assert.Equal("messages", error.GetProperty("param").GetString());
        Assert.Equal("array_above_max_length", error.GetProperty("code").GetString());
        Assert.Contains("server.max_messages", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_InvalidUtf8InAString_400SayingSo()
    {
        var bytes = Encoding.UTF8.GetBytes(Chat("ab__cd"));
        var at = Array.IndexOf(bytes, (byte)'_');
        bytes[at] = 0xFF;
        bytes[at + 1] = 0xFE;

        using var response = await _gateway.Http.PostAsync("/v1/chat/completions", new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } });

        var error = await ErrorAsync(response, 400);
        Assert.Contains("not valid UTF-8", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("0xFF", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""\ud800""")]
    [InlineData("""\udc00 tail""")]
    [InlineData("""\ud83d\u0041""")]
    public async Task Body_UnpairedSurrogateEscape_400SayingSo(string escaped)
    {
        using var response = await PostAsync(Chat(escaped));

        var error = await ErrorAsync(response, 400);
        Assert.Contains("unpaired UTF-16 surrogate", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_PairedSurrogateEscapes_Served()
    {
        using var response = await PostAsync(Chat("""smile \ud83d\ude00"""));

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("gen\\nerator", "control character (U+000A)")]
    [InlineData("gen\\u0000erator", "control character (U+0000)")]
    [InlineData("gen\\u202eerator", "invisible formatting character (U+202E)")]
    [InlineData("ollama/../../etc/passwd", "is a path")]
    [InlineData("/etc/passwd", "is a path")]
    [InlineData("ollama//x", "is a path")]
    [InlineData("http://evil.example/v1", "is a URL")]
    [InlineData("llama3?x=1", "'?'")]
    [InlineData("llama3#frag", "'#'")]
    [InlineData("llama%2e%2e", "'%'")]
    [InlineData("llama\\\\3", "'\\'")]
    [InlineData("gen erator", "a space (U+0020)")]
    public async Task Model_NotAModelName_400InvalidModel(string model, string expected)
    {
        using var response = await PostAsync($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""");

        var error = await ErrorAsync(response, 400);
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Equal("invalid_model", error.GetProperty("code").GetString());
        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_Huge_400InvalidModel()
    {
        using var response = await PostAsync($$"""{"model":"{{new string('m', 3000)}}","messages":[{"role":"user","content":"hi"}]}""");

        var error = await ErrorAsync(response, 400);
        Assert.Contains("at most 256 characters", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")]
    [InlineData("ollama/llama3.2:latest")]
    [InlineData("meta-llama/Llama-3.3-70B-Instruct")]
    [InlineData("publishers/anthropic/models/claude-3-5-sonnet@20240620")]
    [InlineData(" generator ")]
    public async Task Model_RealModelNames_Served(string model)
    {
        using var response = await PostAsync($$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Embeddings_ModelWithControlCharacter_400()
    {
        using var response = await _gateway.Http.PostAsync("/v1/embeddings", Json("""{"model":"nomic\u0007","input":"hi"}"""));

        var error = await ErrorAsync(response, 400);
        Assert.Equal("invalid_model", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""[{"type":"function"}]""", "tools[0].function")]
    [InlineData("""[{"type":"function","function":{"name":"has space"}}]""", "tools[0].function.name")]
    [InlineData("""[{"type":"function","function":{"name":"ok","parameters":"not a schema"}}]""", "tools[0].function.parameters")]
    [InlineData("""[{"type":"function","function":{"name":"ok","parameters":{"type":42}}}]""", "tools[0].function.parameters.type")]
    [InlineData("""[{"type":"function","function":{"name":"ok","description":7}}]""", "tools[0].function.description")]
    [InlineData("""[42]""", "tools[0]")]
    [InlineData("""{"type":"function"}""", "tools")]
    public async Task Tools_BadDefinition_400NamingTheField(string tools, string param)
    {
        using var response = await PostAsync($$"""{"model":"generator","messages":[{"role":"user","content":"hi"}],"tools":{{tools}}}""");

        var error = await ErrorAsync(response, 400);
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task ToolChoice_BadShape_400()
    {
        using var response = await PostAsync("""{"model":"generator","messages":[{"role":"user","content":"hi"}],"tool_choice":42}""");

        var error = await ErrorAsync(response, 400);
        Assert.Equal("tool_choice", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Tools_WellFormed_Served()
    {
        using var response = await PostAsync("""
            {"model":"generator","messages":[{"role":"user","content":"hi"}],"tool_choice":"auto",
             "tools":[{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}
            """);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task GatewayHeader_WithControlCharacter_400NamingTheHeader()
    {
        var answer = await RawHttp.SendAsync(_gateway.Url, "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nx-gateway-backend: oll\u0001ama\r\nConnection: close\r\n\r\n");

        Assert.Equal(400, RawHttp.Status(answer));
        Assert.Contains("x-gateway-backend", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x-gateway-backend: ollama\rInjected: yes")]
    [InlineData("x-gateway-backend: ollama\nInjected : yes")]
    [InlineData("x-gateway-backend: oll\0ama")]
    [InlineData("Bad Header Name: x")]
    public async Task Header_InjectedLineBreakOrNul_400AndTheGatewayKeepsServing(string header)
    {
        var answer = await RawHttp.SendAsync(_gateway.Url, $"GET /v1/models HTTP/1.1\r\nHost: localhost\r\n{header}\r\nConnection: close\r\n\r\n");

        Assert.Equal(400, RawHttp.Status(answer));
        using var after = await _gateway.Http.GetAsync("/v1/models");
        Assert.Equal(200, (int)after.StatusCode);
    }

    [Theory]
    [InlineData("/v1/models/%00")]
    [InlineData("/v1/models/a%0d%0aInjected:%20yes")]
    [InlineData("/v1/../../etc/passwd")]
    public async Task Path_WithEncodedNulOrTraversal_4xxAndTheGatewayKeepsServing(string path)
    {
        var answer = await RawHttp.SendAsync(_gateway.Url, $"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.InRange(RawHttp.Status(answer), 400, 499);
        Assert.DoesNotContain("Injected: yes", answer.Split("\r\n\r\n")[0], StringComparison.Ordinal);
        using var after = await _gateway.Http.GetAsync("/v1/models");
        Assert.Equal(200, (int)after.StatusCode);
    }

    [Fact]
    public async Task EveryRefusal_NothingSentUpstream()
    {
        using var tooBig = await PostAsync(Chat(new string('x', 5000)));
        using var tooDeep = await PostAsync("""{"model":"generator","messages":[{"role":"user","content":"hi"}],"x":[[[[[[[[[[1]]]]]]]]]]}""");
        using var badModel = await PostAsync("""{"model":"../x","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal([413, 400, 400], [(int)tooBig.StatusCode, (int)tooDeep.StatusCode, (int)badModel.StatusCode]);
        Assert.Empty(_ollama.Requests);
    }

    private Task<HttpResponseMessage> PostAsync(string json) => _gateway.Http.PostAsync("/v1/chat/completions", Json(json));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Chat(string content) => $$"""{"model":"generator","messages":[{"role":"user","content":"{{content}}"}]}""";

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("error").Clone();
    }
}
