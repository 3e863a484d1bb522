using System.Net;

namespace Gateway.Tests.Upstreams;

public sealed partial class StubUpstreamTests
{
    [Fact]
    public async Task LmStudio_ChatWithoutStream_EchoesTheModelAsModelAndFingerprint()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.LMStudio);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", """{"model":"qwen3-32b","messages":[]}""");
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("qwen3-32b", body.GetProperty("model").GetString());
        Assert.Equal("qwen3-32b", body.GetProperty("system_fingerprint").GetString());
        Assert.Equal(LmStudioPayloads.ChatContent, body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LmStudio_ChatStream_SpellsTheTextAndAddsUsageOnlyWhenAsked(bool includeUsage)
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.LMStudio);

        using var response = await UpstreamClient.PostAsync(
            stub.Url + "/v1/chat/completions", """{"model":"qwen3-32b","stream":true,"stream_options":{"include_usage":""" + (includeUsage ? "true" : "false") + "}}");
        var events = await UpstreamClient.ReadRawEventsAsync(response);
        var chunks = UpstreamClient.DataOf(events);

        Assert.Equal(RawSse.Done, events[^1]);
        Assert.All(chunks, chunk => Assert.Equal("qwen3-32b", chunk.GetProperty("system_fingerprint").GetString()));
        Assert.Equal(LmStudioPayloads.ChatContent, string.Concat(chunks.Select(ContentOf)));
        Assert.Equal(includeUsage, chunks[^1].GetProperty("choices").GetArrayLength() == 0);
    }

    [Fact]
    public async Task LmStudio_ChatWithoutModel_AnswersWithTheLoadedModel()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.LMStudio);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", """{"messages":[]}""");
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal(LmStudioPayloads.ChatModel, body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task LmStudio_ModelOutsideKnownModels_Answers404ListingTheModels()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.LMStudio);
        stub.KnownModels = ["qwen3-32b", "gemma-3-27b-it-qat"];

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", """{"model":"default","messages":[]}""");
        var error = (await UpstreamClient.ReadJsonAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Model \"default\" not found. Please specify a valid model.\n\nYour models:\n\nqwen3-32b\ngemma-3-27b-it-qat", error.GetProperty("message").GetString());
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task LmStudio_TokenRequiredButMissing_Answers401WithLmStudiosBody()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.LMStudio);
        stub.ExpectedApiKey = "sk-lm-token";

        using var response = await UpstreamClient.GetAsync(stub.Url + "/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(LmStudioPayloads.MissingTokenError, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LmStudio_UnknownRoute_Answers200WithABareErrorString()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.LMStudio);

        using var response = await UpstreamClient.GetAsync(stub.Url + "/v1/nothing");
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unexpected endpoint or method. (GET /v1/nothing)", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task LmStudio_Embeddings_AnswersTheOpenAiShapeWithZeroUsage()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.LMStudio);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/embeddings", """{"model":"text-embedding-nomic-embed-text-v1.5","input":"a"}""");
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal(LmStudioPayloads.EmbeddingVector, body.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()));
        Assert.Equal(0, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }
}
