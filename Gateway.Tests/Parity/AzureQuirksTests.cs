using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>Azure's content filter, as an application using the OpenAI SDK meets it through the gateway.</summary>
[Collection(ParityCollection.Name)]
public sealed class AzureQuirksTests(ParityFixture fixture)
{
    /// <summary>
    /// A completion the output filter stopped: HTTP 200, no content, <c>finish_reason: content_filter</c>
    /// [constructed from the §2.4 doc bullets and the §2.3 annotation shapes].
    /// </summary>
    private const string FilteredCompletion = """{"id":"chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2","object":"chat.completion","created":1699587397,"model":"gpt-4o","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}],"choices":[{"index":0,"finish_reason":"content_filter","message":{"role":"assistant","content":null},"content_filter_results":{"protected_material_text":{"detected":true,"filtered":true}}}],"usage":{"completion_tokens":0,"prompt_tokens":12,"total_tokens":12}}""";

    [Fact]
    public async Task CompleteChat_OutputFiltered_FinishReasonContentFilterWithoutContent()
    {
        var (stub, gateway) = fixture.For(ParityBackend.Named("azure"));
        stub.Enqueue(StubResponse.Json(200, FilteredCompletion));

        var completion = (await ParityClient.For(gateway.Url).CompleteChatAsync([new UserChatMessage("Sing me a song.")])).Value;

        Assert.Equal(ChatFinishReason.ContentFilter, completion.FinishReason);
        Assert.Empty(completion.Content);
        Assert.Equal(12, completion.Usage.InputTokenCount);
    }

    [Fact]
    public async Task CompleteChatStreaming_OutputFilteredMidAnswer_TextSoFarThenContentFilterUnderTheStreamsId()
    {
        var (stub, gateway) = fixture.For(ParityBackend.Named("azure"));
        stub.Enqueue(StubResponse.Sse(AzurePayloads.BlockedStream));
        var text = new System.Text.StringBuilder();
        var ids = new HashSet<string>();
        ChatFinishReason? finish = null;

        await foreach (var update in ParityClient.For(gateway.Url).CompleteChatStreamingAsync([new UserChatMessage("Sing me a song.")]))
        {
            ids.Add(update.CompletionId);
            text.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
            finish ??= update.FinishReason;
        }

        Assert.Equal("Hey Jude, better", text.ToString());
        Assert.Equal(ChatFinishReason.ContentFilter, finish);
        Assert.Equal("chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2", Assert.Single(ids));
    }

    [Fact]
    public async Task CompleteChat_PromptFiltered_400ContentFilterNamingTheCategoryAndNoRetry()
    {
        var (stub, gateway) = fixture.For(ParityBackend.Named("azure"));
        var before = stub.RequestCount;
        stub.Enqueue(AzurePayloads.ContentFiltered());

        var seen = await ParityClient.RunAsync(ParityClient.For(gateway.Url), ParityScenario.PlainText, stream: true);

        Assert.Equal(400, seen.ErrorStatus);
        Assert.Equal("content_filter", seen.ErrorCode);
        Assert.Contains("content management policy", seen.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("filtered: self_harm (medium)", seen.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before + 1, stub.RequestCount);
    }
}
