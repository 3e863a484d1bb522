using System.Text.Json;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using static Gateway.Tests.Backends.WireTestKit;

namespace Gateway.Tests.Backends.OpenAI;

public sealed class OpenAiCompatibleRequestTests
{
    private const string SimpleRequest = """
        {"model":"openai/generator","messages":[{"role":"developer","content":"You are a helpful assistant."},{"role":"user","content":"Hello!"}]}
        """;

    private readonly OpenAiCompatibleProtocol _protocol = new(TimeProvider.System);

    [Fact]
    public async Task CreateChatRequest_OpenAi_PostsToChatCompletionsWithBearerKeyOrganizationAndJsonAccept()
    {
        var backend = Backend(BackendKind.OpenAI, organization: "org-42");
        using var request = Chat(SimpleRequest);

        using var message = _protocol.CreateChatRequest(request, Candidate(backend, "gpt-4o", "https://api.openai.com/v1", apiKey: "sk-test"));

        Assert.Equal(HttpMethod.Post, message.Method);
        Assert.Equal("https://api.openai.com/v1/chat/completions", message.RequestUri!.ToString());
        Assert.Equal("Bearer sk-test", Header(message, "Authorization"));
        Assert.Equal("org-42", Header(message, "OpenAI-Organization"));
        Assert.Equal("application/json", Header(message, "Accept"));
        Assert.Equal("application/json", message.Content!.Headers.ContentType!.MediaType);
        using var body = await BodyAsync(message);
        Assert.Equal("gpt-4o", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public void CreateChatRequest_StreamingRequest_AcceptsEventStream()
    {
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");

        using var message = _protocol.CreateChatRequest(request, Candidate(Backend(BackendKind.OpenAI), "gpt-4o", "https://api.openai.com/v1", apiKey: "k"));

        Assert.Equal("text/event-stream", Header(message, "Accept"));
    }

    [Fact]
    public async Task CreateChatRequest_UnknownFields_PassThroughUntouchedInOrderWithOnlyModelReplaced()
    {
        const string Client = """
            {"messages":[{"role":"user","content":"Grüße, 世界","name":"ann"}],"model":"generator","stream":true,
             "stream_options":{"include_usage":true},"reasoning_effort":"low","x_vendor":{"nested":[1,2.50,null,true]},"logit_bias":{"50256":-100},
             "temperature":0.2,"max_completion_tokens":64}
            """;
        using var request = Chat(Client, defaultTemperature: 0.9, defaultMaxTokens: 4096);

        using var message = _protocol.CreateChatRequest(request, Candidate(Backend(BackendKind.OpenAI), "gpt-4o-mini", "https://api.openai.com/v1", apiKey: "k"));

        using var body = await BodyAsync(message);
        var sent = body.RootElement;
        using var original = JsonDocument.Parse(Client);
        Assert.Equal(PropertyNames(original.RootElement), PropertyNames(sent));
        Assert.Equal("gpt-4o-mini", sent.GetProperty("model").GetString());
        foreach (var property in original.RootElement.EnumerateObject().Where(p => p.Name != "model"))
        {
            Assert.True(JsonElement.DeepEquals(property.Value, sent.GetProperty(property.Name)), $"{property.Name} changed on the way");
        }

        Assert.Equal("2.50", sent.GetProperty("x_vendor").GetProperty("nested")[1].GetRawText());
    }

    [Fact]
    public async Task CreateChatRequest_NoTemperatureAndDefaultConfigured_AddsDefaultTemperature()
    {
        using var request = Chat(SimpleRequest, defaultTemperature: 0.7);

        using var message = _protocol.CreateChatRequest(request, Candidate(Backend(BackendKind.OpenAI), "gpt-4o", "https://api.openai.com/v1", apiKey: "k"));

        using var body = await BodyAsync(message);
        Assert.Equal(0.7, body.RootElement.GetProperty("temperature").GetDouble());
    }

    [Fact]
    public async Task CreateChatRequest_ClientTemperature_KeepsClientValueOverDefault()
    {
        using var request = Chat("""{"model":"m","temperature":0,"messages":[{"role":"user","content":"Hi"}]}""", defaultTemperature: 0.7);

        using var message = _protocol.CreateChatRequest(request, Candidate(Backend(BackendKind.OpenAI), "gpt-4o", "https://api.openai.com/v1", apiKey: "k"));

        using var body = await BodyAsync(message);
        Assert.Equal(0, body.RootElement.GetProperty("temperature").GetDouble());
    }

    [Fact]
    public async Task CreateChatRequest_ExplicitNullTemperature_ReplacedByDefaultWithoutDuplicateKey()
    {
        using var request = Chat("""{"model":"m","temperature":null,"messages":[{"role":"user","content":"Hi"}]}""", defaultTemperature: 0.4);

        using var message = _protocol.CreateChatRequest(request, Candidate(Backend(BackendKind.OpenAI), "gpt-4o", "https://api.openai.com/v1", apiKey: "k"));

        using var body = await BodyAsync(message);
        Assert.Single(PropertyNames(body.RootElement), name => name == "temperature");
        Assert.Equal(0.4, body.RootElement.GetProperty("temperature").GetDouble());
    }

    [Theory]
    [InlineData("o1-mini")]
    [InlineData("o3")]
    [InlineData("o4-mini")]
    [InlineData("gpt-5")]
    [InlineData("GPT-5-nano")]
    public async Task CreateChatRequest_ReasoningModel_AddsNoDefaultTemperature(string model)
    {
        using var request = Chat(SimpleRequest, defaultTemperature: 0.7);

        using var message = _protocol.CreateChatRequest(request, Candidate(Backend(BackendKind.OpenAI), model, "https://api.openai.com/v1", apiKey: "k"));

        using var body = await BodyAsync(message);
        Assert.False(body.RootElement.TryGetProperty("temperature", out _));
    }

    [Fact]
    public async Task CreateChatRequest_OpenAiWithoutMaxTokens_AddsDefaultAsMaxCompletionTokens()
    {
        using var request = Chat(SimpleRequest, defaultMaxTokens: 4096);

        using var message = _protocol.CreateChatRequest(request, Candidate(Backend(BackendKind.OpenAI), "gpt-4o", "https://api.openai.com/v1", apiKey: "k"));

        using var body = await BodyAsync(message);
        Assert.Equal(4096, body.RootElement.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("max_tokens", out _));
    }

    [Fact]
    public async Task CreateChatRequest_LmStudioWithoutMaxTokens_AddsDefaultAsMaxTokens()
    {
        using var request = Chat(SimpleRequest, defaultMaxTokens: 2048);

        using var message = _protocol.CreateChatRequest(request, Candidate(Backend(BackendKind.LMStudio), "local-model", "http://127.0.0.1:1234/v1"));

        using var body = await BodyAsync(message);
        Assert.Equal(2048, body.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("max_completion_tokens", out _));
    }

    [Theory]
    [InlineData("max_tokens")]
    [InlineData("max_completion_tokens")]
    public async Task CreateChatRequest_ClientSetsEitherMaxTokensField_AddsNoDefault(string field)
    {
        using var request = Chat($$"""{"model":"m","{{field}}":10,"messages":[{"role":"user","content":"Hi"}]}""", defaultMaxTokens: 4096);

        using var message = _protocol.CreateChatRequest(request, Candidate(Backend(BackendKind.OpenAI), "gpt-4o", "https://api.openai.com/v1", apiKey: "k"));

        using var body = await BodyAsync(message);
        Assert.Equal(["model", field, "messages"], PropertyNames(body.RootElement));
        Assert.Equal(10, body.RootElement.GetProperty(field).GetInt32());
    }

    [Fact]
    public async Task CreateChatRequest_NoDefaultsConfigured_AddsNothing()
    {
        using var request = Chat(SimpleRequest);

        using var message = _protocol.CreateChatRequest(request, Candidate(Backend(BackendKind.OpenAI), "gpt-4o", "https://api.openai.com/v1", apiKey: "k"));

        using var body = await BodyAsync(message);
        Assert.Equal(["model", "messages"], PropertyNames(body.RootElement));
    }

    [Fact]
    public void CreateChatRequest_LmStudioWithoutToken_SendsNoAuthorization()
    {
        using var request = Chat(SimpleRequest);

        using var message = _protocol.CreateChatRequest(request, Candidate(Backend(BackendKind.LMStudio), "local-model", "http://127.0.0.1:1234/v1/"));

        Assert.Null(message.Headers.Authorization);
        Assert.Null(Header(message, "OpenAI-Organization"));
        Assert.Equal("http://127.0.0.1:1234/v1/chat/completions", message.RequestUri!.ToString());
    }

    [Fact]
    public async Task CreateEmbeddingsRequest_ReplacesModelKeepsTheRestAndPostsToEmbeddings()
    {
        using var request = Embeddings("""{"input":"The food was delicious and the waiter...","model":"embedder","encoding_format":"float","dimensions":256}""");

        using var message = _protocol.CreateEmbeddingsRequest(request, Candidate(Backend(BackendKind.OpenAI), "text-embedding-3-small", "https://api.openai.com/v1", apiKey: "sk-e"))!;

        Assert.Equal("https://api.openai.com/v1/embeddings", message.RequestUri!.ToString());
        Assert.Equal("Bearer sk-e", Header(message, "Authorization"));
        using var body = await BodyAsync(message);
        Assert.Equal(["input", "model", "encoding_format", "dimensions"], PropertyNames(body.RootElement));
        Assert.Equal("text-embedding-3-small", body.RootElement.GetProperty("model").GetString());
        Assert.Equal(256, body.RootElement.GetProperty("dimensions").GetInt32());
    }

    [Fact]
    public void CreateReadinessProbe_GetsModelsWithTheSameAuth()
    {
        var backend = Backend(BackendKind.OpenAI, organization: "org-7");

        using var probe = _protocol.CreateReadinessProbe(backend, "https://api.openai.com/v1", "sk-probe");

        Assert.Equal(HttpMethod.Get, probe.Method);
        Assert.Equal("https://api.openai.com/v1/models", probe.RequestUri!.ToString());
        Assert.Equal("Bearer sk-probe", Header(probe, "Authorization"));
        Assert.Equal("org-7", Header(probe, "OpenAI-Organization"));
    }
}
