using System.Text;
using Gateway.Doctor;

namespace Gateway.Tests.Doctor;

/// <summary>How configured names are found in each API's listing, and the pull command aimed at the right host.</summary>
public sealed class ModelListingTests
{
    [Theory]
    [InlineData("llama3", "llama3:latest")]
    [InlineData("LLaMA3:latest", "llama3:latest")]
    [InlineData("hf.co/bartowski/Qwen2.5-7B-GGUF", "hf.co/bartowski/Qwen2.5-7B-GGUF:latest")]
    [InlineData("qwen2.5-coder:14b", "qwen2.5-coder:14b")]
    public void OllamaFind_NameWithOrWithoutTag_MatchesTheListedTag(string configured, string expected)
    {
        var listed = new OllamaModelListing().Read(Encoding.UTF8.GetBytes(
            """{"models":[{"name":"llama3:latest"},{"name":"hf.co/bartowski/Qwen2.5-7B-GGUF:latest"},{"name":"qwen2.5-coder:14b"}]}"""))!;

        Assert.Equal(expected, new OllamaModelListing().Find(configured, listed));
    }

    [Fact]
    public void OllamaFind_OtherTagOfTheSameModel_NoMatch()
    {
        Assert.Null(new OllamaModelListing().Find("qwen2.5-coder:7b", ["qwen2.5-coder:14b", "qwen2.5-coder:latest"]));
    }

    [Theory]
    [InlineData("http://localhost:11434", "ollama pull llama3")]
    [InlineData("http://127.0.0.1:11434", "ollama pull llama3")]
    [InlineData("http://gpu-box:11434", "OLLAMA_HOST=http://gpu-box:11434 ollama pull llama3")]
    [InlineData("http://user:secret@gpu-box:8080", "OLLAMA_HOST=http://gpu-box:8080 ollama pull llama3")]
    public void OllamaPullCommand_Endpoint_AimsAtThatHostWithoutUserInfo(string url, string expected)
    {
        Assert.Equal(expected, OllamaModelListing.PullCommand("llama3", url));
    }

    [Theory]
    [InlineData("claude-sonnet-4-20250514", "claude-sonnet-4-20250514")]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-5-20250929")]
    [InlineData("claude-3-7-sonnet-latest", "claude-3-7-sonnet-20250219")]
    [InlineData("claude-sonnet-4-0", "claude-sonnet-4-20250514")]
    [InlineData("claude-sonnet", null)]
    [InlineData("claude-opus-4-1", null)]
    public void AnthropicFind_IdOrAlias_MatchesTheDatedId(string configured, string? expected)
    {
        string[] listed = ["claude-sonnet-4-5-20250929", "claude-sonnet-4-20250514", "claude-3-7-sonnet-20250219", "claude-opus-4-20250514"];

        Assert.Equal(expected, new AnthropicModelListing().Find(configured, listed));
    }

    [Theory]
    [InlineData("qwen2.5-7b-instruct", "qwen2.5-7b-instruct@q4_k_m")]
    [InlineData("Meta-Llama-3.1-8B-Instruct", "meta-llama-3.1-8b-instruct")]
    [InlineData("qwen2.5-7b", null)]
    public void LmStudioFind_IdCaseOrQuantizationVariant_Matches(string configured, string? expected)
    {
        Assert.Equal(expected, new LmStudioModelListing().Find(configured, ["meta-llama-3.1-8b-instruct", "qwen2.5-7b-instruct@q4_k_m"]));
    }

    [Theory]
    [InlineData("<html>not json</html>")]
    [InlineData("""{"error":{"message":"Unexpected endpoint or method. (GET /models)"}}""")]
    [InlineData("""[{"id":"x"}]""")]
    public void OpenAiRead_NotAListing_Null(string body)
    {
        Assert.Null(new OpenAiModelListing().Read(Encoding.UTF8.GetBytes(body)));
    }
}
