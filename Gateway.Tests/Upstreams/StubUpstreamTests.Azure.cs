using System.Net;

namespace Gateway.Tests.Upstreams;

public sealed partial class StubUpstreamTests
{
    private const string AzureChatPath = "/openai/deployments/gpt35/chat/completions";
    private const string AzureChat = """{"messages":[{"role":"user","content":"can you tell me how to care for a parrot?"}]}""";

    [Fact]
    public async Task Azure_ChatWithKeyAndVersion_AnswersTheRestSpecExample()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);
        stub.ExpectedApiKey = "azure-key";

        using var response = await UpstreamClient.PostAsync(stub.Url + AzureChatPath + "?api-version=2024-10-21", AzureChat, ("api-key", "azure-key"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AzurePayloads.ChatCompletion, await response.Content.ReadAsStringAsync());
        var request = Assert.Single(stub.Requests);
        Assert.Equal("2024-10-21", request.Query("api-version"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("other-key")]
    public async Task Azure_ApiKeyMissingOrWrong_Answers401(string? apiKey)
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);
        stub.ExpectedApiKey = "azure-key";

        using var response = await UpstreamClient.PostAsync(
            stub.Url + AzureChatPath + "?api-version=2024-10-21", AzureChat, apiKey is null ? [] : [("api-key", apiKey)]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(AzurePayloads.UnauthorizedError, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("", HttpStatusCode.NotFound, AzurePayloads.ResourceNotFoundError)]
    [InlineData("?api-version=latest", HttpStatusCode.BadRequest, AzurePayloads.ApiVersionNotSupportedError)]
    public async Task Azure_ApiVersionMissingOrUnknown_AnswersAsAzureDoes(string query, HttpStatusCode status, string expectedBody)
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);

        using var response = await UpstreamClient.PostAsync(stub.Url + AzureChatPath + query, AzureChat);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(expectedBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Azure_PreviewApiVersion_IsAccepted()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);

        using var response = await UpstreamClient.PostAsync(stub.Url + AzureChatPath + "?api-version=2024-02-15-preview", AzureChat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Azure_DeploymentOutsideKnownModels_Answers404DeploymentNotFound()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);
        stub.KnownModels = ["gpt4o-eastus"];

        using var response = await UpstreamClient.PostAsync(stub.Url + AzureChatPath + "?api-version=2024-10-21", AzureChat);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AzurePayloads.DeploymentNotFoundError, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Azure_ChatStream_StartsWithThePromptAnnotationChunkAndKeepsAnnotationOnlyChunks()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);

        using var response = await UpstreamClient.PostAsync(stub.Url + AzureChatPath + "?api-version=2024-10-21", """{"stream":true,"messages":[]}""");
        var events = await UpstreamClient.ReadRawEventsAsync(response);
        var chunks = UpstreamClient.DataOf(events);

        Assert.Equal(AzurePayloads.PassesFiltersStream, events);
        Assert.Equal("", chunks[0].GetProperty("id").GetString());
        Assert.Equal(0, chunks[0].GetProperty("choices").GetArrayLength());
        Assert.Equal("", chunks[^1].GetProperty("id").GetString());
        Assert.Equal(AzurePayloads.PassesFiltersStreamContent, string.Concat(chunks.Select(ContentOf)));
    }

    [Fact]
    public async Task Azure_ChatStreamWithIncludeUsage_PutsTheUsageChunkJustBeforeDone()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);

        using var response = await UpstreamClient.PostAsync(
            stub.Url + AzureChatPath + "?api-version=2024-10-21", """{"stream":true,"stream_options":{"include_usage":true},"messages":[]}""");
        var events = await UpstreamClient.ReadRawEventsAsync(response);

        Assert.Equal(AzurePayloads.PassesFiltersStream.Count + 1, events.Count);
        Assert.Equal(AzurePayloads.UsageEvent, events[^2]);
        Assert.Equal(RawSse.Done, events[^1]);
    }

    [Fact]
    public async Task Azure_Embeddings_AnswersOneVectorPerInput()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);

        using var response = await UpstreamClient.PostAsync(
            stub.Url + "/openai/deployments/ada/embeddings?api-version=2024-10-21", """{"input":["this is a test","and another"]}""");
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal(2, body.GetProperty("data").GetArrayLength());
        Assert.Equal(AzurePayloads.EmbeddingVector, body.GetProperty("data")[1].GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()));
    }

    [Fact]
    public async Task Azure_Models_AnswersTheList()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);

        using var response = await UpstreamClient.GetAsync(stub.Url + "/openai/models?api-version=2024-10-21");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AzurePayloads.ModelList, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Azure_UnknownRoute_Answers404ResourceNotFound()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions?api-version=2024-10-21", AzureChat);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AzurePayloads.ResourceNotFoundError, await response.Content.ReadAsStringAsync());
    }
}
