using System.Text.Json;
using Gateway.Backends;
using Gateway.Backends.Ollama;
using Gateway.Configuration;
using Gateway.Routing;
using static Gateway.Tests.Backends.WireTestKit;

namespace Gateway.Tests.Backends.Ollama;

public sealed class OllamaRequestTests
{
    private readonly OllamaProtocol _protocol = new(TimeProvider.System);
    private readonly Candidate _llama = Candidate(Backend(BackendKind.Ollama), "llama3.2", "http://127.0.0.1:11434");

    [Fact]
    public async Task CreateChatRequest_NonStreaming_PostsToApiChatWithStreamFalseSpelledOut()
    {
        using var request = Chat("""{"model":"ollama/overseer","messages":[{"role":"user","content":"why is the sky blue?"}]}""");

        using var message = _protocol.CreateChatRequest(request, _llama);

        Assert.Equal("http://127.0.0.1:11434/api/chat", message.RequestUri!.ToString());
        Assert.Equal("application/json", Header(message, "Accept"));
        Assert.Null(message.Headers.Authorization);
        using var body = await BodyAsync(message);
        var root = body.RootElement;
        Assert.Equal(["model", "messages", "stream", "options"], PropertyNames(root));
        Assert.Equal("llama3.2", root.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.False, root.GetProperty("stream").ValueKind);
        var message0 = Assert.Single(root.GetProperty("messages").EnumerateArray());
        Assert.Equal("""{"role":"user","content":"why is the sky blue?"}""", message0.GetRawText());
    }

    [Fact]
    public async Task CreateChatRequest_Streaming_StreamTrueAndAcceptsNdjson()
    {
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        using var message = _protocol.CreateChatRequest(request, _llama);

        Assert.Equal("application/x-ndjson", Header(message, "Accept"));
        using var body = await BodyAsync(message);
        Assert.Equal(JsonValueKind.True, body.RootElement.GetProperty("stream").ValueKind);
    }

    [Fact]
    public async Task CreateChatRequest_CloudKeyConfigured_SendsBearer()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hi"}]}""");

        using var message = _protocol.CreateChatRequest(request, _llama with { Endpoint = "https://ollama.com", ApiKey = "ollama-key" });

        Assert.Equal("https://ollama.com/api/chat", message.RequestUri!.ToString());
        Assert.Equal("Bearer ollama-key", Header(message, "Authorization"));
    }

    [Theory]
    [InlineData("system")]
    [InlineData("developer")]
    public async Task CreateChatRequest_SystemOrDeveloperMessage_BecomesSystem(string role)
    {
        using var request = Chat($$"""{"model":"m","messages":[{"role":"{{role}}","content":"Be brief."},{"role":"user","content":"Hi","name":"ann"}]}""");

        using var message = _protocol.CreateChatRequest(request, _llama);

        using var body = await BodyAsync(message);
        var messages = body.RootElement.GetProperty("messages");
        Assert.Equal("""{"role":"system","content":"Be brief."}""", messages[0].GetRawText());
        Assert.Equal("""{"role":"user","content":"Hi"}""", messages[1].GetRawText());
    }

    [Fact]
    public async Task CreateChatRequest_ContentParts_TextJoinedByNewlinesAndDataUriImagesAsBase64()
    {
        using var request = Chat("""
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"text","text":"What is in these images?"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"}},
              {"type":"text","text":"Answer in one line."},
              {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ"}}]}]}
            """);

        using var message = _protocol.CreateChatRequest(request, _llama);

        using var body = await BodyAsync(message);
        var sent = body.RootElement.GetProperty("messages")[0];
        Assert.Equal("What is in these images?\nAnswer in one line.", sent.GetProperty("content").GetString());
        Assert.Equal(["iVBORw0KGgo=", "/9j/4AAQ"], sent.GetProperty("images").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public void CreateChatRequest_ImageByHttpUrl_ThrowsUnsupportedRequestNamingTheFieldButNotTheUrl()
    {
        using var request = Chat("""
            {"model":"m","messages":[{"role":"system","content":"x"},{"role":"user","content":[{"type":"text","text":"What is this?"},
              {"type":"image_url","image_url":{"url":"https://example.com/cat.png?sig=secret-token"}}]}]}
            """);

        var error = Assert.Throws<UnsupportedRequestException>(() => _protocol.CreateChatRequest(request, _llama));

        Assert.Equal("messages[1].content[1].image_url", error.Param);
        Assert.Contains("base64 data: URI", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateChatRequest_ToolCallRoundTrip_ArgumentsBecomeObjectsAndResultsNameTheirTool()
    {
        using var request = Chat("""
            {"model":"m","messages":[
              {"role":"user","content":"What is the weather in Boston and Tokyo?"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_abc123","type":"function","function":{"name":"get_current_weather","arguments":"{\"location\":\"Boston, MA\"}"}},
                {"id":"call_def456","type":"function","function":{"name":"get_time","arguments":""}}]},
              {"role":"tool","tool_call_id":"call_def456","content":"09:00"},
              {"role":"tool","tool_call_id":"call_abc123","content":"{\"temperature\":22,\"unit\":\"celsius\"}"}]}
            """);

        using var message = _protocol.CreateChatRequest(request, _llama);

        using var body = await BodyAsync(message);
        var messages = body.RootElement.GetProperty("messages");
        Assert.Equal(
            """{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_current_weather","arguments":{"location":"Boston, MA"}}},{"function":{"name":"get_time","arguments":{}}}]}""",
            messages[1].GetRawText());
        Assert.Equal("""{"role":"tool","content":"09:00","tool_name":"get_time"}""", messages[2].GetRawText());
        Assert.Equal("""{"role":"tool","content":"{\"temperature\":22,\"unit\":\"celsius\"}","tool_name":"get_current_weather"}""", messages[3].GetRawText());
    }

    [Fact]
    public void CreateChatRequest_ToolArgumentsNotJson_ThrowsUnsupportedRequest()
    {
        using var request = Chat("""
            {"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}
            """);

        var error = Assert.Throws<UnsupportedRequestException>(() => _protocol.CreateChatRequest(request, _llama));

        Assert.Equal("messages[0].tool_calls[0].function.arguments", error.Param);
    }

    [Fact]
    public async Task CreateChatRequest_SamplingFields_MapToOptionsWithNumCtxFromTheContextWindow()
    {
        using var request = Chat("""
            {"model":"m","messages":[{"role":"user","content":"Hi"}],"temperature":0.2,"max_tokens":300,"top_p":0.9,"stop":"\n\n","seed":42,
             "frequency_penalty":0.5,"presence_penalty":-0.25,"logit_bias":{"1":2}}
            """, defaultTemperature: 0.7, defaultMaxTokens: 4096);

        using var message = _protocol.CreateChatRequest(request, _llama with { ContextWindow = 131072 });

        using var body = await BodyAsync(message);
        Assert.Equal(
            """{"temperature":0.2,"num_predict":300,"num_ctx":131072,"top_p":0.9,"stop":["\n\n"],"seed":42,"frequency_penalty":0.5,"presence_penalty":-0.25}""",
            body.RootElement.GetProperty("options").GetRawText());
    }

    [Fact]
    public async Task CreateChatRequest_NoSamplingFields_UsesDefaultsAndLeavesNumCtxOutWithoutAWindow()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":null,"stop":["a","b"]}""",
            defaultTemperature: 0.7, defaultMaxTokens: 4096);

        using var message = _protocol.CreateChatRequest(request, _llama);

        using var body = await BodyAsync(message);
        Assert.Equal("""{"temperature":0.7,"num_predict":4096,"stop":["a","b"]}""", body.RootElement.GetProperty("options").GetRawText());
    }

    [Fact]
    public async Task CreateChatRequest_ResponseFormatJsonObject_FormatJson()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"json_object"}}""");

        using var message = _protocol.CreateChatRequest(request, _llama);

        using var body = await BodyAsync(message);
        Assert.Equal("json", body.RootElement.GetProperty("format").GetString());
    }

    [Fact]
    public async Task CreateChatRequest_ResponseFormatJsonSchema_FormatIsTheSchemaObject()
    {
        const string Schema = """{"type":"object","properties":{"age":{"type":"integer"}},"required":["age"]}""";
        using var request = Chat($$$$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,"schema":{{{{Schema}}}}}}}""");

        using var message = _protocol.CreateChatRequest(request, _llama);

        using var body = await BodyAsync(message);
        Assert.Equal(Schema, body.RootElement.GetProperty("format").GetRawText());
    }

    [Fact]
    public async Task CreateChatRequest_ResponseFormatText_SendsNoFormat()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"text"}}""");

        using var message = _protocol.CreateChatRequest(request, _llama);

        using var body = await BodyAsync(message);
        Assert.False(body.RootElement.TryGetProperty("format", out _));
    }

    [Fact]
    public async Task CreateChatRequest_Tools_PassThroughInTheSameShape()
    {
        using var request = Chat(OllamaFixtures.ToolCallRequest);

        using var message = _protocol.CreateChatRequest(request, _llama);

        using var body = await BodyAsync(message);
        Assert.True(JsonElement.DeepEquals(request.Root.GetProperty("tools"), body.RootElement.GetProperty("tools")));
    }

    [Fact]
    public async Task CreateChatRequest_ToolChoiceNone_SendsNoTools()
    {
        var json = OllamaFixtures.ToolCallRequest.Replace("\"stream\": false", "\"stream\": false, \"tool_choice\": \"none\"", StringComparison.Ordinal);
        using var request = Chat(json);

        using var message = _protocol.CreateChatRequest(request, _llama);

        using var body = await BodyAsync(message);
        Assert.True(request.Root.TryGetProperty("tool_choice", out _));
        Assert.False(body.RootElement.TryGetProperty("tools", out _));
    }

    [Fact]
    public async Task CreateEmbeddingsRequest_PostsModelInputAndDimensionsToApiEmbed()
    {
        using var request = Embeddings("""{"model":"embedder","input":["Why is the sky blue?","Why is grass green?"],"dimensions":384,"encoding_format":"base64","user":"u1"}""");

        using var message = _protocol.CreateEmbeddingsRequest(request, _llama with { Model = "all-minilm" })!;

        Assert.Equal("http://127.0.0.1:11434/api/embed", message.RequestUri!.ToString());
        using var body = await BodyAsync(message);
        Assert.Equal("""{"model":"all-minilm","input":["Why is the sky blue?","Why is grass green?"],"dimensions":384}""", body.RootElement.GetRawText());
    }

    [Fact]
    public void CreateEmbeddingsRequest_TokenArrays_ThrowsUnsupportedRequest()
    {
        using var request = Embeddings("""{"model":"e","input":[[1820,25977,374]]}""");

        var error = Assert.Throws<UnsupportedRequestException>(() => _protocol.CreateEmbeddingsRequest(request, _llama));

        Assert.Equal("input", error.Param);
    }

    [Fact]
    public void CreateReadinessProbe_GetsApiTags()
    {
        using var probe = _protocol.CreateReadinessProbe(Backend(BackendKind.Ollama), "http://127.0.0.1:11434/", null);

        Assert.Equal(HttpMethod.Get, probe.Method);
        Assert.Equal("http://127.0.0.1:11434/api/tags", probe.RequestUri!.ToString());
        Assert.Null(probe.Headers.Authorization);
    }
}
