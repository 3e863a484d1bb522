using Gateway.Backends;
using Gateway.Backends.Azure;
using Gateway.Backends.Ollama;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;

namespace Gateway.Tests.Backends;

public sealed class BackendProtocolsTests
{
    [Fact]
    public void For_EachRegisteredKind_ReturnsTheProtocolServingIt()
    {
        var openAi = new OpenAiCompatibleProtocol(TimeProvider.System);
        var azure = new AzureOpenAiProtocol(TimeProvider.System);
        var ollama = new OllamaProtocol(TimeProvider.System);
        var table = new BackendProtocols([openAi, azure, ollama]);

        Assert.Same(openAi, table.For(BackendKind.OpenAI));
        Assert.Same(openAi, table.For(BackendKind.LMStudio));
        Assert.Same(azure, table.For(BackendKind.Azure));
        Assert.Same(ollama, table.For(BackendKind.Ollama));
    }

    [Fact]
    public void For_KindWithoutProtocol_ThrowsNamingTheKindAndTheRegisteredOnes()
    {
        var table = new BackendProtocols([new OllamaProtocol(TimeProvider.System)]);

        var error = Assert.Throws<InvalidOperationException>(() => table.For(BackendKind.Anthropic));

        Assert.Contains("'Anthropic'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ollama", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TwoProtocolsForOneKind_ThrowsNamingTheKind()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new BackendProtocols([new OpenAiCompatibleProtocol(TimeProvider.System), new OpenAiCompatibleProtocol(TimeProvider.System)]));

        Assert.Contains("'OpenAI'", error.Message, StringComparison.Ordinal);
    }
}
