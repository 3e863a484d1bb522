using System.Buffers.Binary;
using System.Net;
using System.Text.Json;

namespace Gateway.Tests.Upstreams;

public sealed partial class StubUpstreamTests
{
    private const string OpenAiChat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello!"}]}""";

    [Fact]
    public async Task OpenAi_ChatWithoutStream_AnswersTheSpecExampleEchoingTheModel()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", OpenAiChat);
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("req_stub000001", response.Headers.GetValues("x-request-id").Single());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
        Assert.Equal(OpenAiPayloads.ChatCompletionContent, body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(29, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task OpenAi_ChatStreamWithoutIncludeUsage_SendsTheCapturedStreamWithoutTheUsageChunk()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", """{"model":"gpt-4o","stream":true,"messages":[]}""");
        var events = await UpstreamClient.ReadRawEventsAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OpenAiPayloads.TextStreamWithoutUsage.Count, events.Count);
        Assert.Equal(RawSse.Done, events[^1]);
        var chunks = UpstreamClient.DataOf(events);
        Assert.All(chunks, chunk => Assert.Equal("gpt-4o", chunk.GetProperty("model").GetString()));
        Assert.All(chunks, chunk => Assert.NotEqual(0, chunk.GetProperty("choices").GetArrayLength()));
        Assert.Equal(OpenAiPayloads.TextStreamContent, string.Concat(chunks.Select(ContentOf)));
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task OpenAi_ChatStreamWithIncludeUsage_AddsTheEmptyChoicesUsageChunkBeforeDone()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);

        using var response = await UpstreamClient.PostAsync(
            stub.Url + "/v1/chat/completions", """{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[]}""");
        var events = await UpstreamClient.ReadRawEventsAsync(response);

        Assert.Equal(OpenAiPayloads.TextStream.Count, events.Count);
        Assert.Equal(RawSse.Done, events[^1]);
        var usageChunk = UpstreamClient.DataOf(events)[^1];
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        Assert.Equal(44, usageChunk.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task OpenAi_EmbeddingsForTwoInputs_AnswersOneFloatVectorEach()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/embeddings", """{"model":"text-embedding-3-small","input":["a","b"]}""");
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal("text-embedding-3-small", body.GetProperty("model").GetString());
        var data = body.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal(1, data[1].GetProperty("index").GetInt32());
        Assert.Equal(OpenAiPayloads.EmbeddingVector, data[0].GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()));
    }

    [Fact]
    public async Task OpenAi_EmbeddingsAsBase64_EncodesLittleEndianFloat32()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/embeddings", """{"model":"m","input":"a","encoding_format":"base64"}""");
        var body = await UpstreamClient.ReadJsonAsync(response);

        var bytes = Convert.FromBase64String(body.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        var floats = Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4)));
        Assert.Equal(OpenAiPayloads.EmbeddingVector, floats);
    }

    [Fact]
    public async Task OpenAi_Models_AnswersTheListShape()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);

        using var response = await UpstreamClient.GetAsync(stub.Url + "/v1/models");
        var body = await UpstreamClient.ReadJsonAsync(response);

        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal(["model-id-0", "model-id-1", "model-id-2"], body.GetProperty("data").EnumerateArray().Select(model => model.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData(null, OpenAiPayloads.MissingApiKeyError)]
    [InlineData("Bearer sk-wrong-secret", OpenAiPayloads.InvalidApiKeyError)]
    public async Task OpenAi_ExpectedKeyNotSent_Answers401WithoutEchoingTheKey(string? authorization, string expectedBody)
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        stub.ExpectedApiKey = "sk-right";

        using var response = await UpstreamClient.PostAsync(
            stub.Url + "/v1/chat/completions", OpenAiChat, authorization is null ? [] : [("Authorization", authorization)]);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(expectedBody, body);
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAi_ExpectedKeySent_Answers200()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        stub.ExpectedApiKey = "sk-right";

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", OpenAiChat, ("Authorization", "Bearer sk-right"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenAi_ModelOutsideKnownModels_Answers404ModelNotFound()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        stub.KnownModels = ["gpt-4o"];

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", OpenAiChat);
        var error = (await UpstreamClient.ReadJsonAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Contains("gpt-4o-mini", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"messages":[]}""", OpenAiPayloads.MissingModelError)]
    [InlineData("{not json", OpenAiPayloads.InvalidJsonError)]
    public async Task OpenAi_UnusableBody_Answers400(string requestBody, string expectedBody)
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", requestBody);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expectedBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenAi_UnknownRoute_Answers404InTheOpenAiErrorShape()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat", "{}");
        var error = (await UpstreamClient.ReadJsonAsync(response)).GetProperty("error");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Invalid URL (POST /v1/chat)", error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
    }

    private static string ContentOf(JsonElement chunk) =>
        chunk.GetProperty("choices") is { } choices
        && choices.GetArrayLength() > 0
        && choices[0].TryGetProperty("delta", out var delta)
        && delta.TryGetProperty("content", out var content)
        && content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : "";
}
