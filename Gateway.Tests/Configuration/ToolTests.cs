using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary>Tools: settings at either level, the llm level winning, and model keys checked against the tool's backend.</summary>
public sealed class ToolTests
{
    private const string AnthropicWithTwoKeys = """
        llm:
          anthropic:
            models:
              overseer: "claude-3-5-sonnet-20241022"
              triage: "claude-3-haiku-20240307"
        """;

    [Fact]
    public void Parse_ModelKeyMissingOnTheToolsBackend_ListsTheKeysThere()
    {
        var yaml = AnthropicWithTwoKeys + "\ntools:\n  writer:\n    llm:\n      model_key: \"generator\"\n";

        Assert.Equal(
            "test.yaml:9:18: tools.writer.llm.model_key: model key 'generator' is not in llm.anthropic.models; keys there: overseer, triage",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_ModelKeyWithConcreteModel_IsNotChecked()
    {
        var yaml = AnthropicWithTwoKeys + "\ntools:\n  writer:\n    llm:\n      model_key: \"generator\"\n      model: \"claude-3-opus-20240229\"\n";

        var tool = Parse(yaml).Tools["writer"];

        Assert.Equal("claude-3-opus-20240229", tool.Model);
        Assert.Equal("generator", tool.ModelKey);
    }

    [Fact]
    public void Parse_ModelKey_IsCheckedOnTheToolBackendFirst()
    {
        const string yaml = """
            llm:
              backend: "ollama"
              ollama:
                models: {writer: "mistral-nemo"}
              openai:
                models: {triage: "gpt-4o-mini"}
            tools:
              writer:
                backend: "openai"
                llm: {model_key: "writer"}
            """;

        Assert.Equal(
            "test.yaml:10:22: tools.writer.llm.model_key: model key 'writer' is not in llm.openai.models; keys there: triage",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_ModelKey_IsCheckedOnTheGlobalDefaultBackendBeforeTheLlmBackend()
    {
        const string yaml = """
            llm:
              backend: "ollama"
              global_defaults: {default_backend: "openai"}
              ollama:
                models: {writer: "mistral-nemo"}
              openai: {}
            tools:
              writer:
                llm: {model_key: "writer"}
            """;

        Assert.Equal(
            "test.yaml:9:22: tools.writer.llm.model_key: model key 'writer' is not in llm.openai.models, which is empty; add it there or name a model with tools.writer.llm.model",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_AzureModelKey_MayBeADeploymentEntryOrAModel()
    {
        const string yaml = """
            llm:
              azure:
                endpoint: "https://res.openai.azure.com"
                deployments:
                  generator: {deployment: "gpt-4-code"}
                models:
                  writer: "gpt-4"
            tools:
              coder: {llm: {model_key: "generator"}}
              writer: {llm: {model_key: "writer"}}
              critic: {llm: {model_key: "critic"}}
            """;

        Assert.Equal(
            "test.yaml:11:29: tools.critic.llm.model_key: model key 'critic' is not in llm.azure.deployments or llm.azure.models; keys there: generator, writer",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_SettingsAtBothLevels_LlmLevelWins()
    {
        const string yaml = """
            llm:
              ollama:
                models: {generator: "qwen2.5-coder:14b"}
            tools:
              coder:
                description: "Writes code"
                system_prompt: "outer prompt"
                prompt_template: "Task: {prompt}"
                temperature: 0.9
                max_tokens: 100
                llm:
                  model_key: "generator"
                  system_prompt: "inner prompt"
                  temperature: 0.2
            """;

        var tool = Parse(yaml).Tools["coder"];

        Assert.Equal("inner prompt", tool.SystemPrompt);
        Assert.Equal(0.2, tool.Temperature);
        Assert.Equal("Task: {prompt}", tool.PromptTemplate);
        Assert.Equal(100, tool.MaxTokens);
        Assert.Equal("Writes code", tool.Description);
    }

    [Fact]
    public void Parse_InvalidValueAtTheShadowedLevel_IsStillReported()
    {
        const string yaml = """
            llm:
              ollama: {}
            tools:
              coder:
                temperature: 7
                llm: {temperature: 0.2}
            """;

        Assert.Equal("test.yaml:5:18: tools.coder.temperature: expected a number from 0 to 2, found '7'", ParseError(yaml));
    }

    [Fact]
    public void Parse_ToolTypeOtherThanLlm_ListsValidTypes()
    {
        const string yaml = """
            llm:
              ollama: {}
            tools:
              linter:
                type: "executable"
            """;

        Assert.Equal("test.yaml:5:11: tools.linter.type: tool type 'executable' is not served by the gateway; valid types: llm", ParseError(yaml));
    }

    [Fact]
    public void Parse_ToolWithoutSettings_GetsTheLlmType()
    {
        var tool = Parse("llm:\n  ollama: {}\ntools:\n  cheap_tool:\n").Tools["cheap_tool"];

        Assert.Equal("llm", tool.Type);
        Assert.Null(tool.Backend);
        Assert.Null(tool.ModelKey);
    }
}
