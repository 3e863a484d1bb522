using Gateway.Configuration;
using Gateway.Proxy;

namespace Gateway.Tests.Proxy;

public sealed class NativeApiTests
{
    [Theory]
    [InlineData("ollama", "api/tags", true)]
    [InlineData("ollama", "api/pull", true)]
    [InlineData("ollama", "v1/models", true)]
    [InlineData("ollama", "api/", false)]
    [InlineData("ollama", "admin", false)]
    [InlineData("ollama", "", false)]
    [InlineData("openai", "v1/responses", true)]
    [InlineData("openai", "responses", false)]
    [InlineData("lmstudio", "api/v0/models", true)]
    [InlineData("lmstudio", "v1/models", true)]
    [InlineData("anthropic", "v1/messages/count_tokens", true)]
    [InlineData("anthropic", "api/tags", false)]
    [InlineData("azure", "openai/deployments/gpt-4o/chat/completions", true)]
    [InlineData("azure", "v1/chat/completions", false)]
    public void Allows_NativePrefixPerBackendKind_OnlyThoseForwarded(string backend, string path, bool allowed)
    {
        Assert.True(BackendNames.TryGetKind(backend, out var kind));

        Assert.Equal(allowed, NativeApi.For(kind).Allows(path));
    }

    [Theory]
    [InlineData("api/../admin")]
    [InlineData("api/./tags")]
    [InlineData("api//tags")]
    [InlineData("api/..")]
    [InlineData("api\\..\\admin")]
    public void Allows_SegmentsThatCouldLeaveThePrefix_Refused(string path)
    {
        Assert.False(NativeApi.For(BackendKind.Ollama).Allows(path));
    }

    [Fact]
    public void Allows_TrailingSlash_Accepted()
    {
        Assert.True(NativeApi.For(BackendKind.Ollama).Allows("api/tags/"));
    }

    [Theory]
    [InlineData("https://api.openai.com/v1", "https://api.openai.com")]
    [InlineData("http://localhost:1234/v1/", "http://localhost:1234")]
    [InlineData("https://api.anthropic.com", "https://api.anthropic.com")]
    [InlineData("http://localhost:11434/", "http://localhost:11434")]
    [InlineData("https://proxy.example/openai/v1", "https://proxy.example/openai")]
    public void Root_BaseUrl_WithoutTrailingSlashOrV1(string baseUrl, string root)
    {
        Assert.Equal(root, NativeApi.Root(baseUrl));
    }
}
