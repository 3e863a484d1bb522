using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Tools;

/// <summary>The startup checks on every configured tool: its template parses and places the input (an error), and it has a model (a warning).</summary>
public sealed class ToolConfigChecksTests
{
    [Fact]
    public void Parse_TemplateWithoutInput_IsAStartupErrorNamingTheTool()
    {
        const string yaml = """
            llm:
              ollama:
                models: {generator: "llama3"}
            tools:
              summarizer:
                prompt_template: "Summarize the {topic}"
            """;

        Assert.Equal(
            "test.yaml:6:22: tools.summarizer.prompt_template: the template has no {input} placeholder, so the caller's input would never reach the model; put {input} where it belongs",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_UnclosedPlaceholderUnderLlm_IsReportedThere()
    {
        const string yaml = """
            llm:
              ollama:
                models: {generator: "llama3"}
            tools:
              summarizer:
                llm:
                  model_key: "generator"
                  prompt_template: "Summarize {input"
            """;

        Assert.Equal(
            "test.yaml:8:24: tools.summarizer.llm.prompt_template: the placeholder opened at character 11 is never closed; write '{{' for a literal brace",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_ToolWithoutModelOnABackendWithoutModels_WarnsWhatToSet()
    {
        const string yaml = """
            llm:
              ollama: {}
            tools:
              cheap_tool:
                type: "llm"
            """;

        Assert.Equal(
            "test.yaml:5:5: tools.cheap_tool: the tool names no model and llm.ollama.models is empty, so invoking it will fail; "
            + "set tools.cheap_tool.llm.model_key or tools.cheap_tool.llm.model, or add a model key under llm.ollama.models",
            Assert.Single(Parse(yaml).Warnings));
    }

    [Fact]
    public void Parse_ToolWithoutModelOnAzureWithDeploymentName_Loads()
    {
        var config = Parse("""
            llm:
              azure:
                endpoint: "https://res.openai.azure.com"
                deployment_name: "gpt-4o"
            tools:
              writer: {description: "Writes"}
            """);

        Assert.Null(config.Tools["writer"].ModelKey);
    }
}
