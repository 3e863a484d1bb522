using System.Text.Json;
using OpenAI.Chat;

using Gateway.Tests.Harness;

namespace Gateway.Tests.Containers;

/// <summary>
/// The gateway against a real Ollama in a container, driven by the OpenAI SDK: chat plain and streamed, a tool-call attempt, embeddings.
/// Run with <c>dotnet test --filter Category=Containers</c>; skipped, with the reason, where Docker or the Ollama image is not usable.
/// </summary>
[Trait("Category", "Containers")]
public sealed class OllamaContainerTests(OllamaContainer ollama) : IClassFixture<OllamaContainer>
{
    [DockerFact(ContainerNeed.Ollama)]
    public async Task CompleteChat_RealOllama_AnswersTextWithUsage()
    {
        await using var gateway = await TestGateway.StartAsync(await ollama.ConfigAsync());

        var result = await gateway.Chat("generator").CompleteChatAsync(
            [new UserChatMessage("Answer with one word: what colour is the sky on a clear day?")], new ChatCompletionOptions { MaxOutputTokenCount = 20 });

        Assert.False(string.IsNullOrWhiteSpace(result.Value.Content[0].Text));
        Assert.True(result.Value.Usage.InputTokenCount > 0 && result.Value.Usage.OutputTokenCount > 0);
        var headers = result.GetRawResponse().Headers;
        Assert.True(headers.TryGetValue("x-gateway-backend", out var backend) && backend == "ollama");
        Assert.True(headers.TryGetValue("x-gateway-model", out var model) && model == OllamaContainer.ChatModel);
    }

    [DockerFact(ContainerNeed.Ollama)]
    public async Task CompleteChatStreaming_RealOllama_StreamsSeveralChunksThenUsage()
    {
        await using var gateway = await TestGateway.StartAsync(await ollama.ConfigAsync());

        var parts = new List<string>();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in gateway.Chat("generator").CompleteChatStreamingAsync(
            [new UserChatMessage("Count from one to five in words.")], new ChatCompletionOptions { MaxOutputTokenCount = 40 }))
        {
            parts.AddRange(update.ContentUpdate.Select(p => p.Text));
            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }

        Assert.True(parts.Count(p => p.Length > 0) > 1, "expected the answer in several chunks");
        Assert.False(string.IsNullOrWhiteSpace(string.Concat(parts)));
        Assert.NotNull(finish);
        Assert.True(usage is { OutputTokenCount: > 0 });
    }

    [DockerFact(ContainerNeed.Ollama)]
    public async Task CompleteChat_WithATool_AnswersAWellFormedToolCallOrText()
    {
        await using var gateway = await TestGateway.StartAsync(await ollama.ConfigAsync());
        var weather = ChatTool.CreateFunctionTool(
            "get_weather",
            "Gets the current weather for a city",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));

        var result = await gateway.Chat("generator").CompleteChatAsync(
            [new UserChatMessage("What is the weather in Paris right now? Use the tool.")], new ChatCompletionOptions { Tools = { weather } });

        // A 0.5B model may call the tool or answer in prose; either way the answer must be well formed.
        if (result.Value.FinishReason == ChatFinishReason.ToolCalls)
        {
            var call = Assert.Single(result.Value.ToolCalls);
            Assert.Equal("get_weather", call.FunctionName);
            Assert.False(string.IsNullOrEmpty(call.Id));
            using var arguments = JsonDocument.Parse(call.FunctionArguments.ToString());
            Assert.Equal(JsonValueKind.Object, arguments.RootElement.ValueKind);
        }
        else
        {
            Assert.Equal(ChatFinishReason.Stop, result.Value.FinishReason);
            Assert.False(string.IsNullOrWhiteSpace(result.Value.Content[0].Text));
        }
    }

    [DockerFact(ContainerNeed.Ollama)]
    public async Task GenerateEmbedding_RealOllama_AllMiniLmVectorsOf384()
    {
        await using var gateway = await TestGateway.StartAsync(await ollama.ConfigAsync());
        var embeddings = gateway.OpenAI().GetEmbeddingClient(OllamaContainer.EmbeddingModel);

        var first = (await embeddings.GenerateEmbeddingAsync("The sky is blue.")).Value.ToFloats().ToArray();
        var again = (await embeddings.GenerateEmbeddingAsync("The sky is blue.")).Value.ToFloats().ToArray();
        var other = (await embeddings.GenerateEmbeddingAsync("Quarterly tax filing deadlines")).Value.ToFloats().ToArray();

        Assert.Equal(384, first.Length);
        Assert.True(Cosine(first, again) > 0.99);
        Assert.True(Cosine(first, other) < Cosine(first, again));
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
