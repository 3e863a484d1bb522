using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Parity.Messages;

/// <summary>
/// An OpenAI-compatible server that names the stop sequence which ended an answer (vLLM's <c>choices[].stop_reason</c>) behind the
/// <c>openai</c> backend: a <c>/v1/messages</c> client reads <c>stop_reason: stop_sequence</c> with the sequence; a token id there
/// (vLLM reports a stop token as a number) is no stop sequence.
/// </summary>
[Collection(ParityCollection.Name)]
public sealed class VllmStopSequenceTests(ParityFixture fixture)
{
    /// <summary>A vLLM completion [constructed: vLLM's OpenAI-compatible server adds <c>stop_reason</c> to each choice].</summary>
    private static string Completion(string stopReason) =>
        $$$"""{"id":"chatcmpl-b2f9","object":"chat.completion","created":1727346168,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"message":{"role":"assistant","content":"1, 2, 3, ","tool_calls":[]},"logprobs":null,"finish_reason":"stop","stop_reason":{{{stopReason}}}}],"usage":{"prompt_tokens":18,"total_tokens":25,"completion_tokens":7}}""";

    [Theory]
    [InlineData("\"END\"", "stop_sequence", "END")]
    [InlineData("151645", "end_turn", null)]
    [InlineData("null", "end_turn", null)]
    public async Task Create_ServerNamesWhatStoppedIt_StopSequenceOnlyForAStopString(string stopReason, string expectedStop, string? expectedSequence)
    {
        var (stub, gateway) = fixture.For(ParityBackend.Named("openai"));
        stub.Enqueue(StubResponse.Json(200, Completion(stopReason)));

        var seen = await MessagesClient.RunAsync(gateway.Url, MessagesRequests.For(MessagesScenario.StopSequence), stream: false);

        Assert.True(seen.ErrorType is null, seen.ErrorMessage);
        Assert.Equal((expectedStop, expectedSequence), (seen.StopReason, seen.StopSequence));
        Assert.Equal("1, 2, 3, ", Assert.Single(seen.Blocks).Content);
    }

    /// <summary>A vLLM stream whose finish chunk names what stopped it [constructed as above].</summary>
    private static IEnumerable<string> Stream(string stopReason) =>
    [
        RawSse.Data("""{"id":"chatcmpl-b2fa","object":"chat.completion.chunk","created":1727346168,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{"role":"assistant","content":"1, 2, 3, "},"logprobs":null,"finish_reason":null}]}"""),
        RawSse.Data($$$"""{"id":"chatcmpl-b2fa","object":"chat.completion.chunk","created":1727346168,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop","stop_reason":{{{stopReason}}}}]}"""),
        RawSse.Data("""{"id":"chatcmpl-b2fa","object":"chat.completion.chunk","created":1727346168,"model":"Qwen/Qwen2.5-7B-Instruct","choices":[],"usage":{"prompt_tokens":18,"total_tokens":25,"completion_tokens":7}}"""),
        "data: [DONE]\n\n",
    ];

    [Theory]
    [InlineData("\"END\"", "stop_sequence", "END")]
    [InlineData("151645", "end_turn", null)]
    public async Task CreateStreaming_ServerNamesWhatStoppedIt_MessageDeltaSaysStopSequenceOnlyForAStopString(string stopReason, string expectedStop, string? expectedSequence)
    {
        var (stub, gateway) = fixture.For(ParityBackend.Named("openai"));
        stub.Enqueue(StubResponse.Sse(Stream(stopReason)));

        var seen = await MessagesClient.RunAsync(gateway.Url, MessagesRequests.For(MessagesScenario.StopSequence), stream: true);

        Assert.True(seen.ErrorType is null, seen.ErrorMessage);
        Assert.Equal((expectedStop, expectedSequence), (seen.StopReason, seen.StopSequence));
    }
}
