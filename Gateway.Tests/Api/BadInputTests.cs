using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Api;

public sealed class BadInputTests : IAsyncLifetime
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
                models:
                  generator: "llama3.2"
            """);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _ollama.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"model\":\"generator\",", 400, "invalid_json", null)]
    [InlineData("", 400, "invalid_json", null)]
    [InlineData("[1,2]", 400, "invalid_request", null)]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "model")]
    [InlineData("{\"model\":42,\"messages\":[]}", 400, "invalid_request", "model")]
    [InlineData("{\"model\":\"generator\"}", 400, "invalid_request", "messages")]
    [InlineData("{\"model\":\"generator\",\"messages\":\"hi\"}", 400, "invalid_request", "messages")]
    [InlineData("{\"model\":\"generator\",\"messages\":[]}", 400, "invalid_request", "messages")]
    [InlineData("{\"model\":\"generator\",\"messages\":[\"hi\"]}", 400, "invalid_request", "messages[0]")]
    [InlineData("{\"model\":\"generator\",\"messages\":[{\"content\":\"hi\"}]}", 400, "invalid_request", "messages[0].role")]
    [InlineData("{\"model\":\"generator\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}", 400, "invalid_request", "messages[0].role")]
    [InlineData("{\"model\":\"generator\",\"messages\":[{\"role\":\"user\",\"content\":5}]}", 400, "invalid_request", "messages[0].content")]
    [InlineData("{\"model\":\"generator\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "stream")]
    [InlineData("{\"model\":\"generator\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "temperature")]
    [InlineData("{\"model\":\"generator\",\"max_tokens\":-1,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "max_tokens")]
    [InlineData("{\"model\":\"generator\",\"n\":\"2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "n")]
    [InlineData("{\"model\":\"generator\",\"n\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "n")]
    [InlineData("{\"model\":\"generator\",\"stop\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "stop")]
    [InlineData("{\"model\":\"generator\",\"stop\":[\"a\",5],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "stop")]
    [InlineData("{\"model\":\"generator\",\"top_p\":\"high\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "top_p")]
    [InlineData("{\"model\":\"generator\",\"top_p\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "top_p")]
    [InlineData("{\"model\":\"generator\",\"presence_penalty\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "presence_penalty")]
    [InlineData("{\"model\":\"generator\",\"frequency_penalty\":\"a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "frequency_penalty")]
    [InlineData("{\"model\":\"generator\",\"seed\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "seed")]
    [InlineData("{\"model\":\"generator\",\"logprobs\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "logprobs")]
    [InlineData("{\"model\":\"generator\",\"top_logprobs\":21,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "top_logprobs")]
    [InlineData("{\"model\":\"generator\",\"stream_options\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "stream_options")]
    [InlineData("{\"model\":\"generator\",\"stream_options\":{\"include_usage\":\"yes\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "stream_options.include_usage")]
    [InlineData("{\"model\":\"generator\",\"response_format\":\"json\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "response_format")]
    [InlineData("{\"model\":\"generator\",\"response_format\":{\"kind\":\"json_object\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "response_format")]
    [InlineData("{\"model\":\"generator\",\"user\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "user")]
    [InlineData("{\"model\":\"generator\",\"max_completion_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "max_completion_tokens")]
    [InlineData("{\"model\":\"generator\",\"tools\":{},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "tools")]
    [InlineData("{\"model\":\"generator\",\"tool_choice\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400, "invalid_request", "tool_choice")]
    [InlineData("{\"model\":\"openai/gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 404, "backend_not_found", "model")]
    public async Task ChatCompletions_BadRequest_OpenAiShapedErrorNamingTheField(string body, int status, string code, string? param)
    {
        using var response = await _gateway.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await ReadErrorAsync(response);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("0", Assert.Single(response.Headers.GetValues("x-gateway-attempts")));
        Assert.Empty(_ollama.Requests);
    }

    [Fact]
    public async Task ChatCompletions_EveryCheckedFieldWellTypedOrNull_Served()
    {
        using var typed = await _gateway.Http.PostAsync("/v1/chat/completions", OllamaChatTests.Json("""
            {"model":"generator","messages":[{"role":"user","content":"hi"}],"n":1,"stop":["a","b"],"top_p":0.5,"presence_penalty":-1,
             "frequency_penalty":2,"seed":-7,"logprobs":false,"top_logprobs":0,"stream":false,"stream_options":{"include_usage":true},
             "response_format":{"type":"text"},"user":"u-1","max_tokens":5,"max_completion_tokens":5,"temperature":0}
            """));
        using var nulls = await _gateway.Http.PostAsync("/v1/chat/completions", OllamaChatTests.Json("""
            {"model":"generator","messages":[{"role":"user","content":"hi"}],"n":null,"stop":null,"top_p":null,"presence_penalty":null,
             "frequency_penalty":null,"seed":null,"logprobs":null,"top_logprobs":null,"stream":null,"stream_options":null,
             "response_format":null,"user":null,"max_tokens":null,"max_completion_tokens":null,"temperature":null,"tools":null,"tool_choice":null}
            """));

        Assert.Equal([200, 200], [(int)typed.StatusCode, (int)nulls.StatusCode]);
        Assert.Equal(2, _ollama.Requests.Count);
    }

    [Fact]
    public async Task ChatCompletions_SeveralChoicesOnOllama_400NamingN()
    {
        using var response = await _gateway.Http.PostAsync("/v1/chat/completions",
            OllamaChatTests.Json("""{"model":"generator","n":5,"messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(400, (int)response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal("n", error.GetProperty("param").GetString());
        Assert.Contains("one choice", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_ollama.Requests);
    }

    [Fact]
    public async Task ChatCompletions_UnknownBackendHeader_404ListsConfiguredBackends()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = OllamaChatTests.Json("""{"model":"generator","messages":[{"role":"user","content":"hi"}]}"""),
        };
        request.Headers.Add("x-gateway-backend", "nope");

        using var response = await _gateway.Http.SendAsync(request);

        Assert.Equal(404, (int)response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Contains("ollama", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("GET /v1/models", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatCompletions_FormEncodedCurlBody_415SayingHowToSendJson()
    {
        // What `curl -d` sends without -H; an HTML form on any web page can send the same without asking, so it is refused.
        using var response = await _gateway.Http.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"generator","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(415, (int)response.StatusCode);
        var error = await ReadErrorAsync(response);
        Assert.Equal("unsupported_media_type", error.GetProperty("code").GetString());
        Assert.Contains("-H 'Content-Type: application/json'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownV1Route_404InOpenAiShape()
    {
        using var response = await _gateway.Http.GetAsync("/v1/completions/legacy");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("unknown_url", (await ReadErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task WrongMethod_405InOpenAiShape()
    {
        using var response = await _gateway.Http.GetAsync("/v1/chat/completions");

        Assert.Equal(405, (int)response.StatusCode);
        Assert.Equal("method_not_allowed", (await ReadErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Embeddings_MissingInput_400NamesInput()
    {
        using var response = await _gateway.Http.PostAsync("/v1/embeddings", OllamaChatTests.Json("""{"model":"nomic-embed-text"}"""));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("input", (await ReadErrorAsync(response)).GetProperty("param").GetString());
    }

    internal static async Task<JsonElement> ReadErrorAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("error").Clone();
    }
}
