using Gateway.Configuration;
using Gateway.Tests.Harness;
using OpenAI.Chat;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Mock;

/// <summary>config/config.demo.yaml does what the README promises on a machine with no LLM: a completion, a stream and a fallback.</summary>
public sealed class DemoConfigTests
{
    private static readonly string DemoPath = Path.Combine(RepositoryRoot(), "config", "config.demo.yaml");

    [Fact]
    public void DemoConfig_Loads_AsAFailingOnDemandMockWithAMockFallback()
    {
        var config = ConfigLoader.Load(DemoPath, Environment());

        Assert.Equal("mock", config.Llm.Backend);
        Assert.Equal(["mock_fallback"], config.Llm.FallbackBackends);
        Assert.All(config.Llm.Backends.Values, b => Assert.Equal(BackendKind.Mock, b.Kind));
        Assert.Equal("#fail", config.Llm.Backends["mock"].Mock!.FailOnText);
        Assert.Equal(config.Llm.Backends["mock"].Models.Keys, config.Llm.Backends["mock_fallback"].Models.Keys);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public async Task DemoConfig_EndToEnd_CompletionStreamAndFallback()
    {
        await using var gateway = await TestGateway.StartAsync(await File.ReadAllTextAsync(DemoPath));
        var chat = gateway.Chat("generator");

        var completion = await chat.CompleteChatAsync([new UserChatMessage("Write a haiku about gateways")]);
        var streamed = new List<string>();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Stream it")]))
        {
            streamed.AddRange(update.ContentUpdate.Select(p => p.Text));
        }

        var fallback = await chat.CompleteChatAsync([new UserChatMessage("#fail and fall back")]);

        Assert.Equal("Hello from the gateway's mock backend 'mock' (model mock-chat). You wrote: Write a haiku about gateways", completion.Value.Content[0].Text);
        Assert.EndsWith("You wrote: Stream it", string.Concat(streamed), StringComparison.Ordinal);
        Assert.Contains("'mock_fallback'", fallback.Value.Content[0].Text, StringComparison.Ordinal);
        Assert.True(fallback.GetRawResponse().Headers.TryGetValue("x-gateway-attempts", out var attempts) && attempts == "3"); // the primary, its one retry, then the fallback
    }
}
