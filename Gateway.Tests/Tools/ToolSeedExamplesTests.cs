using System.Net;
using System.Text.Json;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Tools;

/// <summary>
/// The guide's Tools Configuration section over HTTP: each option's YAML (completed with the backend sections it assumes, pointed at
/// stub upstreams) serves its tools from the backend and model the guide promises.
/// </summary>
public sealed class ToolSeedExamplesTests
{
    private static readonly Dictionary<string, Func<Stubs, string>> Options = new(StringComparer.Ordinal)
    {
        ["option 1: global backend"] = stubs => $$$"""
            llm:
              backend: "anthropic"
              global_defaults:
                default_backend: "anthropic"  # ALL tools use this!
              anthropic: {base_url: "{{{stubs.Anthropic}}}", api_key: "sk-ant-test", models: {generator: "claude-3-5-sonnet-20241022"}}
              ollama: {base_url: "{{{stubs.Ollama}}}", models: {generator: "qwen2.5-coder:14b"}}
            tools:
              my_tool:
                type: "llm"
                llm:
                  model_key: "generator"  # Uses anthropic.models.generator
            """,
        ["option 2: override per tool"] = stubs => $$$"""
            llm:
              backend: "ollama"  # Default
              ollama: {base_url: "{{{stubs.Ollama}}}", models: {generator: "llama3"}}
              anthropic: {base_url: "{{{stubs.Anthropic}}}", api_key: "sk-ant-test"}
            tools:
              expensive_tool:
                type: "llm"
                backend: "anthropic"  # Override for this tool only
                llm:
                  model: "claude-3-opus-20240229"
              my_tool:
                type: "llm"
            """,
        ["option 3: mixed backends"] = stubs => $$$"""
            llm:
              global_defaults:
                default_backend: "ollama"  # Cheap default
              ollama: {base_url: "{{{stubs.Ollama}}}", models: {overseer: "llama3"}}
              openai: {base_url: "{{{stubs.OpenAi}}}/v1", api_key: "sk-test"}
            tools:
              cheap_tool:
                type: "llm"
                # Uses ollama (global default)
              expensive_tool:
                type: "llm"
                backend: "openai"
                llm:
                  model: "gpt-4"
            """,
        ["direct model"] = stubs => $$$"""
            llm:
              anthropic: {base_url: "{{{stubs.Anthropic}}}", api_key: "sk-ant-test"}
            tools:
              my_tool:
                llm:
                  model: "claude-3-5-sonnet-20241022"  # Hardcoded
            """,
    };

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "option 1: global backend", "my_tool", "anthropic", "claude-3-5-sonnet-20241022" },
        { "option 2: override per tool", "expensive_tool", "anthropic", "claude-3-opus-20240229" },
        { "option 2: override per tool", "my_tool", "ollama", "llama3" },
        { "option 3: mixed backends", "cheap_tool", "ollama", "llama3" },
        { "option 3: mixed backends", "expensive_tool", "openai", "gpt-4" },
        { "direct model", "my_tool", "anthropic", "claude-3-5-sonnet-20241022" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Invoke_GuideOption_ServesTheToolWhereTheGuideSays(string option, string tool, string backend, string model)
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var gateway = await TestGateway.StartAsync(Options[option](new Stubs(ollama.Url, openai.Url, anthropic.Url)));

        using var response = await ToolsEndpointTests.Post(gateway, $"/tools/{tool}/invoke", """{"input":"Write a binary search function"}""");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var result = JsonDocument.Parse(text);
        Assert.Equal((backend, model), (result.RootElement.GetProperty("backend").GetString(), result.RootElement.GetProperty("model").GetString()));
        Assert.False(string.IsNullOrEmpty(result.RootElement.GetProperty("output").GetString()));

        var served = new Dictionary<string, StubUpstream> { ["ollama"] = ollama, ["openai"] = openai, ["anthropic"] = anthropic }[backend];
        Assert.Equal(model, Assert.Single(served.Requests).JsonString("model"));
        Assert.Equal(1, ollama.Requests.Count + openai.Requests.Count + anthropic.Requests.Count);
    }

    private sealed record Stubs(string Ollama, string OpenAi, string Anthropic);
}
