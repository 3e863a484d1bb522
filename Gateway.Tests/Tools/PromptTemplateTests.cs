using Gateway.Configuration;
using Gateway.Tools;

namespace Gateway.Tests.Tools;

/// <summary>Prompt templates: <c>{input}</c> and named variables, <c>{{ }}</c> for literal braces, and errors that say where.</summary>
public sealed class PromptTemplateTests
{
    private static readonly Dictionary<string, string> Language = new(StringComparer.Ordinal) { ["language"] = "French" };

    [Theory]
    [InlineData("Translate into {language}:\n\n{input}", "Translate into French:\n\nGood morning", "language,input")]
    [InlineData("{input}", "Good morning", "input")]
    [InlineData("Task: {prompt}", "Task: Good morning", "input")]
    [InlineData("Answer as JSON {{\"text\": \"{input}\"}} in {language}", "Answer as JSON {\"text\": \"Good morning\"} in French", "input,language")]
    [InlineData("{input} / {input}", "Good morning / Good morning", "input")]
    public void Render_Template_FillsEveryPlaceholder(string text, string expected, string variables)
    {
        Assert.True(PromptTemplate.TryParse(text, out var template, out var error), error);

        Assert.Equal(expected, template.Render("Good morning", Language, out var missing));
        Assert.Null(missing);
        Assert.Equal(variables, string.Join(',', template.Variables));
    }

    [Fact]
    public void Render_VariableWithoutValue_NamesIt()
    {
        Assert.True(PromptTemplate.TryParse("Say {input} in {language} to {person}", out var template, out _));

        Assert.Null(template.Render("hi", Language, out var missing));
        Assert.Equal("person", missing);
    }

    [Theory]
    [InlineData("Summarize {input", "the placeholder opened at character 11 is never closed; write '{{' for a literal brace")]
    [InlineData("Summarize {} {input}", "'{}' at character 11 is not a placeholder: names use letters, digits and '_' (e.g. {input}); write '{{' and '}}' for literal braces")]
    [InlineData("Use {the text} {input}", "'{the text}' at character 5 is not a placeholder: names use letters, digits and '_' (e.g. {input}); write '{{' and '}}' for literal braces")]
    [InlineData("{input} }", "a lone '}' at character 9; write '}}' for a literal brace")]
    [InlineData("Summarize the {topic}", "the template has no {input} placeholder, so the caller's input would never reach the model; put {input} where it belongs")]
    public void TryParse_BadTemplate_SaysWhatAndWhere(string text, string expected)
    {
        Assert.False(PromptTemplate.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }
}
