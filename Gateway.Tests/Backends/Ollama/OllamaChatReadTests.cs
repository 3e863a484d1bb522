using System.ClientModel.Primitives;
using System.Text.Json;
using Gateway.Backends;
using Gateway.Backends.Ollama;
using Gateway.Configuration;
using Gateway.Routing;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Backends.WireTestKit;
using SdkChat = OpenAI.Chat;
using SdkCompletion = OpenAI.Chat.ChatCompletion;
using SdkUpdate = OpenAI.Chat.StreamingChatCompletionUpdate;

namespace Gateway.Tests.Backends.Ollama;

public sealed class OllamaChatReadTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly OllamaProtocol _protocol = new(new FakeTimeProvider(Now));
    private readonly Candidate _llama = Candidate(Backend(BackendKind.Ollama), "llama3.2", "http://127.0.0.1:11434");

    [Fact]
    public async Task ReadChatCompletion_DocsAnswer_BecomesAChatCompletionTheOpenAiSdkReads()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"why is the sky blue?"}]}""");
        using var response = Answer(OllamaFixtures.ChatAnswer);

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _llama, CancellationToken.None);

        var completion = outcome.Value!;
        Assert.Equal("llama3.2", completion.Model);
        Assert.Equal(new Usage(26, 298), completion.Usage);
        Assert.Equal("stop", completion.FinishReason);
        var sdk = ModelReaderWriter.Read<SdkCompletion>(BinaryData.FromBytes(completion.Json))!;
        Assert.StartsWith("chatcmpl-", sdk.Id, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2023, 12, 12, 14, 13, 43, TimeSpan.Zero), sdk.CreatedAt);
        Assert.Equal("llama3.2", sdk.Model);
        Assert.Equal("Hello! How are you today?", Assert.Single(sdk.Content).Text);
        Assert.Equal(SdkChat.ChatFinishReason.Stop, sdk.FinishReason);
        Assert.Equal(26, sdk.Usage.InputTokenCount);
        Assert.Equal(298, sdk.Usage.OutputTokenCount);
        Assert.Equal(324, sdk.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task ReadChatCompletion_ToolCallAnswer_ArgumentsObjectBecomesStringWithSynthesisedId()
    {
        using var request = Chat(OllamaFixtures.ToolCallRequest);
        using var response = Answer(OllamaFixtures.ToolCallAnswer);

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _llama, CancellationToken.None);

        Assert.Equal("tool_calls", outcome.Value!.FinishReason);
        Assert.Equal(new Usage(169, 18), outcome.Value.Usage);
        using var json = Json(outcome.Value.Json);
        var message = json.RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray());
        Assert.Matches("^call_[A-Za-z0-9]{24}$", call.GetProperty("id").GetString());
        Assert.Equal("function", call.GetProperty("type").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Tokyo"}""", call.GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public async Task ReadChatCompletion_ToolCallWithId_KeepsTheId()
    {
        const string Answer200 = """
            {"model":"qwen3","created_at":"2025-07-07T20:32:53.844124Z","message":{"role":"assistant","content":"","tool_calls":[{"id":"call_x1","function":{"index":0,"name":"get_weather","arguments":{"city":"Paris"}}}]},"done_reason":"stop","done":true,"prompt_eval_count":10,"eval_count":5}
            """;
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"weather?"}]}""");
        using var response = Answer(Answer200);

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _llama, CancellationToken.None);

        using var json = Json(outcome.Value!.Json);
        Assert.Equal("call_x1", json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task ReadChatCompletion_DoneReasonLength_FinishReasonLength()
    {
        var answer = OllamaFixtures.ChatAnswer.Replace("\"done\": true,", "\"done_reason\": \"length\",\n  \"done\": true,", StringComparison.Ordinal);
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"why?"}]}""");
        using var response = Answer(answer);

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _llama, CancellationToken.None);

        Assert.Equal("length", outcome.Value!.FinishReason);
    }

    [Fact]
    public async Task ReadChatCompletion_HtmlWith200_IsProtocolFailure()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer("<html><body>Bad gateway</body></html>", "text/html");

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _llama, CancellationToken.None);

        Assert.Equal(FailureKind.Protocol, outcome.Failure!.Kind);
        Assert.Equal("upstream answered 200 with an HTML page (text/html) instead of an Ollama chat answer", outcome.Failure.Message);
    }

    [Fact]
    public async Task ReadChatCompletion_TruncatedJson_IsProtocolFailure()
    {
        using var request = Chat("""{"model":"m","messages":[{"role":"user","content":"Hi"}]}""");
        using var response = Answer(OllamaFixtures.ChatAnswer[..80]);

        var outcome = await _protocol.ReadChatCompletionAsync(response, request, _llama, CancellationToken.None);

        Assert.Equal(FailureKind.Protocol, outcome.Failure!.Kind);
        Assert.Contains("truncated or malformed JSON", outcome.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChatStream_DocsStream_RoleContentFinishUnderOneIdentityThenUsageThatIsNotForwarded()
    {
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"why is the sky blue?"}]}""");
        using var response = Answer(OllamaFixtures.ChatStream, "application/x-ndjson");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _llama, CancellationToken.None));

        Assert.Equal(4, chunks.Count);
        Assert.All(chunks, c => Assert.Null(c.Failure));
        Assert.True(chunks[3].Data.IsEmpty);
        Assert.Equal(new Usage(26, 282), chunks[3].Usage);
        var updates = chunks.Take(3).Select(c => ModelReaderWriter.Read<SdkUpdate>(BinaryData.FromBytes(c.Data))!).ToList();
        Assert.Single(updates.Select(u => u.CompletionId).Distinct());
        Assert.All(updates, u => Assert.Equal("llama3.2", u.Model));
        Assert.All(updates, u => Assert.Equal(new DateTimeOffset(2023, 8, 4, 15, 52, 19, TimeSpan.Zero), u.CreatedAt));
        Assert.Equal(SdkChat.ChatMessageRole.Assistant, updates[0].Role);
        Assert.Equal("The", Assert.Single(updates[1].ContentUpdate).Text);
        Assert.Equal(SdkChat.ChatFinishReason.Stop, updates[2].FinishReason);
        Assert.Equal([null, null, null, new Usage(26, 282)], chunks.Select(c => c.Usage));
    }

    [Fact]
    public async Task ReadChatStream_IncludeUsage_FinishChunkThenAUsageChunkWithEmptyChoices()
    {
        using var request = Chat("""{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"why?"}]}""");
        using var response = Answer(OllamaFixtures.ChatStream, "application/x-ndjson");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _llama, CancellationToken.None));

        Assert.Equal(4, chunks.Count);
        Assert.Null(chunks[2].Usage);
        Assert.Equal(new Usage(26, 282), chunks[3].Usage);
        using var usage = Json(chunks[3].Data);
        Assert.Empty(usage.RootElement.GetProperty("choices").EnumerateArray());
        Assert.Equal("""{"prompt_tokens":26,"completion_tokens":282,"total_tokens":308}""", usage.RootElement.GetProperty("usage").GetRawText());
    }

    [Fact]
    public async Task ReadChatStream_ToolCallArrivesWhole_OneToolCallChunkWithSynthesisedIdAndStringArguments()
    {
        using var request = Chat(OllamaFixtures.ToolCallRequest.Replace("\"stream\": false", "\"stream\": true", StringComparison.Ordinal));
        using var response = Answer(OllamaFixtures.ToolCallStream, "application/x-ndjson");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _llama, CancellationToken.None));

        Assert.Equal(4, chunks.Count);
        using var toolChunk = Json(chunks[1].Data);
        var call = Assert.Single(toolChunk.RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(0, call.GetProperty("index").GetInt32());
        Assert.Matches("^call_[A-Za-z0-9]{24}$", call.GetProperty("id").GetString());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Tokyo"}""", call.GetProperty("function").GetProperty("arguments").GetString());
        var finish = ModelReaderWriter.Read<SdkUpdate>(BinaryData.FromBytes(chunks[2].Data))!;
        Assert.Equal(SdkChat.ChatFinishReason.ToolCalls, finish.FinishReason);
        Assert.True(chunks[3].Data.IsEmpty);
        Assert.Equal(new Usage(169, 15), chunks[3].Usage);
    }

    [Fact]
    public async Task ReadChatStream_TwoToolCalls_CountedWithStableIndexes()
    {
        const string Ndjson = """
            {"model":"qwen3","created_at":"2025-07-07T20:22:19.184789Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"a","arguments":{}}}]},"done":false}
            {"model":"qwen3","created_at":"2025-07-07T20:22:19.184789Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"b","arguments":{"x":1}}}]},"done":false}
            {"model":"qwen3","created_at":"2025-07-07T20:22:19.19314Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"prompt_eval_count":5,"eval_count":2}
            """;
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"go"}]}""");
        using var response = Answer(Ndjson, "application/x-ndjson");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _llama, CancellationToken.None));

        var indexes = chunks.Skip(1).Take(2).Select(c =>
        {
            using var json = Json(c.Data);
            return json.RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0].GetProperty("index").GetInt32();
        });
        Assert.Equal([0, 1], indexes);
    }

    [Fact]
    public async Task ReadChatStream_ErrorLineAfter200_YieldsOneStatusFailureWithOllamasMessage()
    {
        var ndjson = OllamaFixtures.ChatStream.Split('\n')[0] + "\n" + OllamaFixtures.MidStreamErrorLine + "\n";
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"why?"}]}""");
        using var response = Answer(ndjson, "application/x-ndjson");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _llama, CancellationToken.None));

        Assert.Equal(3, chunks.Count);
        Assert.Equal(FailureKind.Status, chunks[2].Failure!.Kind);
        Assert.Equal("an error was encountered while running the model", chunks[2].Failure!.Message);
    }

    [Fact]
    public async Task ReadChatStream_ErrorAsFirstLine_FailsBeforeAnyChunkSoTheDispatcherCanFallBack()
    {
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"why?"}]}""");
        using var response = Answer(OllamaFixtures.MidStreamErrorLine + "\n", "application/x-ndjson");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _llama, CancellationToken.None));

        Assert.NotNull(Assert.Single(chunks).Failure);
    }

    [Fact]
    public async Task ReadChatStream_EndsWithoutDone_YieldsProtocolFailure()
    {
        var ndjson = OllamaFixtures.ChatStream.Split('\n')[0] + "\n";
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"why?"}]}""");
        using var response = Answer(ndjson, "application/x-ndjson");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _llama, CancellationToken.None));

        Assert.Equal(3, chunks.Count);
        Assert.Equal(FailureKind.Protocol, chunks[2].Failure!.Kind);
        Assert.Equal("stream ended before done:true", chunks[2].Failure!.Message);
    }

    [Fact]
    public async Task ReadChatStream_ConnectionCutMidLine_YieldsProtocolFailure()
    {
        var ndjson = OllamaFixtures.ChatStream.Split('\n')[0] + "\n" + OllamaFixtures.ChatStream.Split('\n')[1][..50];
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"why?"}]}""");
        using var response = AnswerCutAfter(ndjson, "application/x-ndjson");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _llama, CancellationToken.None));

        Assert.Equal(FailureKind.Protocol, chunks[^1].Failure!.Kind);
        Assert.StartsWith("stream ended before done:true: ", chunks[^1].Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadChatStream_LineThatIsNotJson_YieldsProtocolFailure()
    {
        var ndjson = OllamaFixtures.ChatStream.Split('\n')[0] + "\n<html>proxy error</html>\n";
        using var request = Chat("""{"model":"m","stream":true,"messages":[{"role":"user","content":"why?"}]}""");
        using var response = Answer(ndjson, "application/x-ndjson");

        var chunks = await CollectAsync(_protocol.ReadChatStreamAsync(response, request, _llama, CancellationToken.None));

        Assert.Equal(3, chunks.Count);
        Assert.Equal(FailureKind.Protocol, chunks[2].Failure!.Kind);
        Assert.Contains("not a JSON object", chunks[2].Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFailure_ModelNotFound404_KeepsOllamasTextAndAddsThePull()
    {
        using var response = Answer(OllamaFixtures.ModelNotFound, status: System.Net.HttpStatusCode.NotFound);

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal(FailureKind.Status, failure.Kind);
        Assert.Equal(404, failure.StatusCode);
        Assert.StartsWith("model 'llama9' not found: the model is not pulled on this Ollama; run `ollama pull llama9` there", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFailure_PlainTextFromAWrongPath_DescribesTheText()
    {
        using var response = Answer("404 page not found", "text/plain", System.Net.HttpStatusCode.NotFound);

        var failure = await _protocol.ReadFailureAsync(response, CancellationToken.None);

        Assert.Equal("upstream answered 404 with 404 page not found", failure.Message);
    }
}
