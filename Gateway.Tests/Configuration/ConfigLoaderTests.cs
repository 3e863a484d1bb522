using Gateway.Configuration;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary>Reading the file: missing files, malformed YAML, and the shape of the document.</summary>
public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_MissingFile_SaysWhereItLookedAndHowToPointElsewhere()
    {
        var path = Path.Combine(_directory, "absent.yaml");

        var message = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, Environment())).Message;

        Assert.Equal($"Config file not found: {path}. Pass --config <file> or set GATEWAY_CONFIG.", message);
    }

    [Fact]
    public void Load_ExistingFile_NamesItInErrorsAsGiven()
    {
        var path = Path.Combine(_directory, "config.yaml");
        File.WriteAllText(path, "llm:\n  backend: \"olama\"\n  ollama: {}\n");

        var message = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, Environment())).Message;

        Assert.StartsWith($"{path}:2:12: llm.backend: unknown backend 'olama';", message, StringComparison.Ordinal);
        Assert.EndsWith("(did you mean 'ollama'?)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ValidFile_ReadsItWithTheGivenEnvironment()
    {
        var path = Path.Combine(_directory, "config.yaml");
        File.WriteAllText(path, "llm:\n  ollama:\n    base_url: \"${URL}\"\n");

        var config = ConfigLoader.Load(path, Environment(("URL", "http://gpu:11434")));

        Assert.Equal("http://gpu:11434", config.Llm.Backends["ollama"].BaseUrl);
        Assert.Equal(path, config.SourcePath);
    }

    [Fact]
    public void Parse_UnterminatedQuote_ReportsTheYamlErrorWithItsPosition()
    {
        var message = ParseError("llm:\n  ollama:\n    base_url: \"http://localhost:11434\n");

        Assert.StartsWith("test.yaml:3:15: invalid YAML: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadIndentation_ReportsTheYamlErrorWithItsPosition()
    {
        var message = ParseError("llm:\n  ollama:\n    base_url: \"http://localhost:11434\"\n   models: {}\n");

        Assert.Matches(@"^test\.yaml:4:\d+: invalid YAML: \S", message);
    }

    [Fact]
    public void Parse_DuplicateKey_ReportsTheSecondOne()
    {
        Assert.Equal("test.yaml:3:3: invalid YAML: Duplicate key backend", ParseError("llm:\n  backend: ollama\n  backend: openai\n"));
    }

    [Fact]
    public void Parse_SeveralDocuments_IsAnError()
    {
        Assert.Equal(
            "test.yaml:3:1: the file holds 2 YAML documents (separated by '---'); the gateway reads exactly one",
            ParseError("llm: {ollama: {}}\n---\nllm: {openai: {}}\n"));
    }

    [Fact]
    public void Parse_DocumentThatIsAList_IsAnError()
    {
        var message = ParseError("- llm\n- ollama\n");

        Assert.StartsWith("test.yaml:1:1: expected a mapping with an 'llm:' section, found a list", message, StringComparison.Ordinal);
    }
}
