using System.Net;

namespace Gateway.Tests.Upstreams;

public sealed partial class StubUpstreamTests
{
    private const string OllamaChat = """{"model":"qwen2.5:7b","messages":[{"role":"user","content":"why is the sky blue?"}]}""";

    [Fact]
    public async Task Ollama_ChatWithoutStreamField_StreamsNdjsonEndingWithDoneReason()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/api/chat", OllamaChat);
        var lines = UpstreamClient.ParseEach(await UpstreamClient.ReadLinesAsync(response));

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OllamaPayloads.ChatStream.Count, lines.Count);
        Assert.All(lines, line => Assert.Equal("qwen2.5:7b", line.GetProperty("model").GetString()));
        Assert.All(lines.SkipLast(1), line => Assert.False(line.GetProperty("done").GetBoolean()));
        Assert.True(lines[^1].GetProperty("done").GetBoolean());
        Assert.Equal("stop", lines[^1].GetProperty("done_reason").GetString());
        Assert.Equal(OllamaPayloads.ChatStreamContent, string.Concat(lines.Select(line => line.GetProperty("message").GetProperty("content").GetString())));
    }

    [Fact]
    public async Task Ollama_ChatWithStreamFalse_AnswersOneJsonObject()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/api/chat", """{"stream":false,"model":"qwen2.5:7b","messages":[]}""");
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("qwen2.5:7b", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Equal("stop", body.GetProperty("done_reason").GetString());
        Assert.Equal(OllamaPayloads.ChatContent, body.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Ollama_ModelOutsideKnownModels_Answers404ModelNotFound()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        stub.KnownModels = ["llama3.2:latest"];

        using var response = await UpstreamClient.PostAsync(stub.Url + "/api/chat", OllamaChat);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":"model 'qwen2.5:7b' not found"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ollama_ModelWithoutTag_MatchesTheLatestTag()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        stub.KnownModels = ["llama3.2:latest"];

        using var response = await UpstreamClient.PostAsync(stub.Url + "/api/chat", """{"model":"llama3.2","stream":false}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ollama_ChatWithoutModel_Answers400()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/api/chat", """{"messages":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OllamaPayloads.MissingModelError, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ollama_EmbedForTwoInputs_AnswersTwoVectors()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/api/embed", """{"model":"all-minilm","input":["a","b"]}""");
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal("all-minilm", body.GetProperty("model").GetString());
        Assert.Equal(2, body.GetProperty("embeddings").GetArrayLength());
        Assert.Equal(OllamaPayloads.EmbeddingVector, body.GetProperty("embeddings")[1].EnumerateArray().Select(value => value.GetSingle()));
    }

    [Fact]
    public async Task Ollama_Tags_AnswersTheDocsExample()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        using var response = await UpstreamClient.GetAsync(stub.Url + "/api/tags");

        Assert.Equal(OllamaPayloads.Tags, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ollama_Root_AnswersTheBanner()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        using var response = await UpstreamClient.GetAsync(stub.Url + "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OllamaPayloads.RootBanner, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ollama_UnknownRoute_Answers404PlainText()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/messages", "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OllamaPayloads.NotFoundPage, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ollama_CloudKeyExpectedButMissing_Answers401()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        stub.ExpectedApiKey = "ollama-cloud-key";

        using var response = await UpstreamClient.GetAsync(stub.Url + "/api/tags");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(OllamaPayloads.UnauthorizedError, await response.Content.ReadAsStringAsync());
    }
}
