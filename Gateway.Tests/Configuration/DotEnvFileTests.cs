using Gateway.Configuration;

namespace Gateway.Tests.Configuration;

/// <summary>Loading <c>.env</c> files into an environment, never overriding what is already set.</summary>
public sealed class DotEnvFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-dotenv-").FullName;
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Apply_SeedExample_LoadsEveryVariableAndDropsTheInlineComment()
    {
        Apply(ConfigFixture.SeedExample("seed.env"));

        Assert.Equal("sk-...", _variables["OPENAI_API_KEY"]);
        Assert.Equal("sk-ant-...", _variables["ANTHROPIC_API_KEY"]);
        Assert.Equal("https://your-resource.openai.azure.com", _variables["AZURE_OPENAI_ENDPOINT"]);
        Assert.Equal("0", _variables["CODE_EVOLVER_DEBUG"]);
        Assert.Equal(5, _variables.Count);
    }

    [Fact]
    public void Apply_QuotingAndExportForms_AreUnderstood()
    {
        var path = Write(
            "# comment",
            "",
            "export EXPORTED=yes",
            "SINGLE='literal $HOME # not a comment'",
            "DOUBLE=\"line1\\nline2 \\\"quoted\\\"\" # comment",
            "BARE = spaced value   # comment",
            "HASH=abc#def",
            "EMPTY=");

        Apply(path);

        Assert.Equal("yes", _variables["EXPORTED"]);
        Assert.Equal("literal $HOME # not a comment", _variables["SINGLE"]);
        Assert.Equal("line1\nline2 \"quoted\"", _variables["DOUBLE"]);
        Assert.Equal("spaced value", _variables["BARE"]);
        Assert.Equal("abc#def", _variables["HASH"]);
        Assert.Equal("", _variables["EMPTY"]);
    }

    [Fact]
    public void Apply_VariableAlreadySet_IsNotOverridden()
    {
        _variables["OPENAI_API_KEY"] = "from-process";

        Apply(Write("OPENAI_API_KEY=from-file", "OTHER=from-file"));

        Assert.Equal("from-process", _variables["OPENAI_API_KEY"]);
        Assert.Equal("from-file", _variables["OTHER"]);
    }

    [Fact]
    public void Apply_MissingFile_ChangesNothing()
    {
        Apply(Path.Combine(_directory, "absent.env"));

        Assert.Empty(_variables);
    }

    [Theory]
    [InlineData("NO_EQUALS_SIGN", "expected KEY=VALUE")]
    [InlineData("BAD KEY=sk-secret", "the name before '=' must be made of letters, digits and '_'")]
    [InlineData("KEY=\"sk-secret", "the value has no closing \"")]
    [InlineData("KEY='sk-secret' trailing", "unexpected text after the closing '")]
    public void Apply_MalformedLine_NamesTheLineButNotTheValue(string line, string problem)
    {
        var path = Write("FIRST=1", line);

        var message = Assert.Throws<ConfigException>(() => Apply(path)).Message;

        Assert.Equal($"{path}:2: {problem}", message);
        Assert.DoesNotContain("sk-secret", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ThenParse_FeedsTheConfigExpansion()
    {
        Apply(Write("ANTHROPIC_API_KEY=sk-ant-from-dotenv"));

        var config = ConfigLoader.Parse("llm:\n  anthropic: {}\n", "test.yaml", name => _variables.GetValueOrDefault(name));

        Assert.Equal("sk-ant-from-dotenv", config.Llm.Backends["anthropic"].ApiKey);
    }

    private void Apply(string path) => DotEnvFile.Apply(path, name => _variables.GetValueOrDefault(name), (name, value) => _variables[name] = value);

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_directory, ".env");
        File.WriteAllLines(path, lines);
        return path;
    }
}
