using Gateway.Backends;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using static Gateway.Tests.Backends.WireTestKit;

namespace Gateway.Tests.Backends.OpenAI;

public sealed class OpenAiCompatibleReadTests
{
    private readonly OpenAiCompatibleProtocol _protocol = new(TimeProvider.System);
    private readonly Gateway.Routing.Candidate _openAi = Candidate(Backend(BackendKind.OpenAI), "gpt-4o", "https://api.openai.com/v1", apiKey: "k");

    [Fact]
    public async Task ReadChatCompletion_SpecExample_PassesBodyThroughAndReadsModelUsageAndFinishReason()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hello!"}]}""");
        using var response = Answer(OpenAiFixtures.SpecCompletion);

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _openAi, CancellationToken.None);

        Assert.True(outcome.IsSuccess);
        var completion = outcome.Value!;
        Assert.Equal(OpenAiFixtures.SpecCompletion, Text(completion.Json));
        Assert.Equal("gpt-5.4", completion.Model);
        Assert.Equal(new Usage(19, 10), completion.Usage);
        Assert.Equal("stop", completion.FinishReason);
    }

    [Fact]
    public async Task ReadChatCompletion_ToolCallExample_ReadsToolCallsFinishReason()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Weather?"}]}""");
        using var response = Answer(OpenAiFixtures.ToolCallCompletion);

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _openAi, CancellationToken.None);

        Assert.Equal("tool_calls", outcome.Value!.FinishReason);
        Assert.Equal(new Usage(82, 17), outcome.Value.Usage);
        Assert.Equal(OpenAiFixtures.ToolCallCompletion, Text(outcome.Value.Json));
    }

    [Fact]
    public async Task ReadChatCompletion_LmStudioToolCall_PassesThroughWithItsModel()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"dell?"}]}""");
        using var response = Answer(OpenAiFixtures.LmStudioToolCallCompletion);

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, Candidate(Backend(BackendKind.LMStudio), "local", "http://127.0.0.1:1234/v1"), CancellationToken.None);

        Assert.Equal("lmstudio-community/qwen2.5-7b-instruct", outcome.Value!.Model);
        Assert.Equal(new Usage(263, 34), outcome.Value.Usage);
        Assert.Equal("tool_calls", outcome.Value.FinishReason);
    }

    [Fact]
    public async Task ReadChatCompletion_HtmlPageWith200_IsProtocolFailureNamingTheHtml()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer("<!DOCTYPE html><html><body>Captive portal login</body></html>", "text/html");

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _openAi, CancellationToken.None);

        Assert.False(outcome.IsSuccess);
        Assert.Equal(FailureKind.Protocol, outcome.Failure!.Kind);
        Assert.Equal("upstream answered 200 with an HTML page (text/html) instead of a chat completion", outcome.Failure.Message);
    }

    [Fact]
    public async Task ReadChatCompletion_TruncatedJson_IsProtocolFailure()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer(OpenAiFixtures.SpecCompletion[..120]);

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _openAi, CancellationToken.None);

        Assert.Equal(FailureKind.Protocol, outcome.Failure!.Kind);
        Assert.StartsWith("upstream answered 200 with truncated or malformed JSON instead of a chat completion", outcome.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChatCompletion_JsonWithoutChoices_IsProtocolFailure()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer("""{"id":"x","object":"chat.completion"}""");

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _openAi, CancellationToken.None);

        Assert.Equal(FailureKind.Protocol, outcome.Failure!.Kind);
        Assert.Contains("no choices array", outcome.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChatCompletion_ErrorObjectWith200_IsTheUpstreamsErrorNotAProtocolBreak()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer("""{"error":{"message":"No models loaded.","type":"invalid_request_error","param":"model","code":null}}""");

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _openAi, CancellationToken.None);

        Assert.Equal(FailureKind.Status, outcome.Failure!.Kind);
        Assert.Equal("No models loaded.", outcome.Failure.Message);
        Assert.Equal("invalid_request_error", outcome.Failure.Code);
    }

    [Theory]
    [InlineData(nameof(OpenAiFixtures.TextStreamCapture), 14, 30)]
    [InlineData(nameof(OpenAiFixtures.LengthStreamCapture), 79, 1)]
    [InlineData(nameof(OpenAiFixtures.ToolCallStreamCapture), 76, 24)]
    public async Task ReadChatStream_RealCapture_YieldsEveryEventUnchangedWithUsageOnlyOnTheUsageChunk(string fixture, int prompt, int completion)
    {
        var sse = (string)typeof(OpenAiFixtures).GetField(fixture)!.GetValue(null)!;
        using var request = Chat("""{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer(sse, "text/event-stream");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _openAi, CancellationToken.None));

        Assert.Equal(DataLines(sse), chunks.Select(c => Text(c.Data)));
        Assert.All(chunks, c => Assert.Null(c.Failure));
        Assert.Equal(new Usage(prompt, completion), chunks[^1].Usage);
        Assert.All(chunks.SkipLast(1), c => Assert.Null(c.Usage));
    }

    [Fact]
    public async Task ReadChatStream_ChunksWithUsageNullAsTheSpecDescribes_AcceptsThemAndReadsTheFinalUsage()
    {
        // [constructed] the spec's wording: every chunk but the last carries "usage": null.
        const string Sse = """
            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

            data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":1,"total_tokens":20}}

            data: [DONE]


            """;
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer(Sse, "text/event-stream");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _openAi, CancellationToken.None));

        Assert.Equal(3, chunks.Count);
        Assert.Equal([null, null, new Usage(19, 1)], chunks.Select(c => c.Usage));
    }

    [Fact]
    public async Task ReadChatStream_ErrorEventMidStream_YieldsOneStatusFailureWithMessageAndCodeThenStops()
    {
        var capture = DataLines(OpenAiFixtures.TextStreamCapture);
        var sse = $"data: {capture[0]}\n\ndata: {capture[1]}\n\n"
            + "data: {\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"
            + $"data: {capture[2]}\n\ndata: [DONE]\n\n";
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer(sse, "text/event-stream");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _openAi, CancellationToken.None));

        Assert.Equal(3, chunks.Count);
        var failure = chunks[2].Failure!;
        Assert.Equal(FailureKind.Status, failure.Kind);
        Assert.Equal("The server had an error while processing your request.", failure.Message);
        Assert.Equal("server_error", failure.Code);
        Assert.True(chunks[2].Data.IsEmpty);
    }

    [Fact]
    public async Task ReadChatStream_EndsBeforeDone_YieldsProtocolFailureAfterTheChunksItGot()
    {
        var capture = DataLines(OpenAiFixtures.LengthStreamCapture);
        var sse = $"data: {capture[0]}\n\ndata: {capture[1]}\n\n";
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer(sse, "text/event-stream");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _openAi, CancellationToken.None));

        Assert.Equal(3, chunks.Count);
        Assert.Equal(capture[1], Text(chunks[1].Data));
        Assert.Equal(FailureKind.Protocol, chunks[2].Failure!.Kind);
        Assert.Equal("stream ended before [DONE]", chunks[2].Failure!.Message);
    }

    [Fact]
    public async Task ReadChatStream_ConnectionCutMidStream_YieldsProtocolFailureInsteadOfThrowing()
    {
        var capture = DataLines(OpenAiFixtures.LengthStreamCapture);
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        using var response = AnswerCutAfter($"data: {capture[0]}\n\ndata: {capture[1][..40]}", "text/event-stream");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _openAi, CancellationToken.None));

        Assert.Equal(2, chunks.Count);
        Assert.Equal(FailureKind.Protocol, chunks[1].Failure!.Kind);
        Assert.StartsWith("stream ended before [DONE]: ", chunks[1].Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChatStream_DataThatIsNotJson_YieldsProtocolFailure()
    {
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer("data: {\"id\":\"chatcmpl-1\",\"choices\":[\n\ndata: [DONE]\n\n", "text/event-stream");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _openAi, CancellationToken.None));

        var failure = Assert.Single(chunks).Failure!;
        Assert.Equal(FailureKind.Protocol, failure.Kind);
        Assert.Contains("not a JSON object", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChatStream_CommentsAndEventsAfterDone_AreNotYielded()
    {
        // Comments and keep-alives are not events; [DONE] ends the stream and anything after it is not read.
        var capture = DataLines(OpenAiFixtures.LengthStreamCapture);
        var sse = $": keep-alive\n\ndata: {capture[0]}\n\ndata: [DONE]\n\ndata: {capture[1]}\n\n";
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer(sse, "text/event-stream");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _openAi, CancellationToken.None));

        Assert.Equal(capture[0], Text(Assert.Single(chunks).Data));
    }
}
