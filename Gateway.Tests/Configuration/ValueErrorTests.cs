using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary>Values of the wrong type or range say what was expected and what was found, at the value's line and column.</summary>
public sealed class ValueErrorTests
{
    [Theory]
    [InlineData(
        "llm:\n  ollama:\n    models: [\"llama3\"]\n",
        "3:13: llm.ollama.models: expected a mapping of model key: model name, found a list")]
    [InlineData(
        "llm:\n  ollama: {}\n  fallback_backends: \"openai\"\n",
        "3:22: llm.fallback_backends: expected a list of backend names such as [\"openai\", \"ollama\"], found a single value")]
    [InlineData(
        "llm:\n  ollama: \"http://localhost:11434\"\n",
        "2:11: llm.ollama: expected a mapping of base_url, api_key, models, endpoints, context_windows, max_output_tokens, embedding_model, timeout_seconds, stream_idle_timeout_seconds, max_retries, truncate_prompts, max_request_seconds, max_retry_wait_seconds, found a single value")]
    [InlineData(
        "llm:\n  ollama: {}\n  global_defaults:\n    temperature: hot\n",
        "4:18: llm.global_defaults.temperature: expected a number from 0 to 2, found 'hot'")]
    [InlineData(
        "llm:\n  ollama: {}\n  global_defaults:\n    temperature: 2.5\n",
        "4:18: llm.global_defaults.temperature: expected a number from 0 to 2, found '2.5'")]
    [InlineData(
        "llm:\n  ollama: {}\n  global_defaults:\n    max_tokens: 0\n",
        "4:17: llm.global_defaults.max_tokens: expected a whole number greater than 0, found '0'")]
    [InlineData(
        "llm:\n  ollama:\n    context_windows:\n      llama3: big\n",
        "4:15: llm.ollama.context_windows.llama3: expected a whole number greater than 0, found 'big'")]
    [InlineData(
        "llm:\n  openai:\n    max_output_tokens:\n      gpt-4o: -5\n",
        "4:15: llm.openai.max_output_tokens.gpt-4o: expected a whole number greater than 0, found '-5'")]
    [InlineData(
        "llm:\n  ollama: {}\nmodel_selector:\n  enabled: sometimes\n",
        "4:12: model_selector.enabled: expected true or false, found 'sometimes'")]
    [InlineData(
        "llm:\n  ollama: {}\nmodel_selector:\n  weights: {speed: -1}\n",
        "4:20: model_selector.weights.speed: expected a number of at least 0, found '-1'")]
    [InlineData(
        "llm:\n  ollama:\n    models:\n      generator: {model: \"llama3\"}\n    endpoints:\n      generator: []\n",
        "6:7: llm.ollama.endpoints: endpoints for model key 'generator' are already given in llm.ollama.models.generator; keep one of the two")]
    public void Parse_WrongValue_SaysWhatWasExpectedAndFound(string yaml, string expected)
    {
        Assert.Equal($"test.yaml:{expected}", ParseError(yaml));
    }

    [Theory]
    [InlineData("localhost:11434", "has no http:// or https:// prefix")]
    [InlineData("ftp://files.example.com", "uses the scheme 'ftp'")]
    public void Parse_BaseUrlThatIsNotHttp_IsAnError(string url, string problem)
    {
        Assert.Equal(
            $"test.yaml:3:15: llm.ollama.base_url: expected an absolute http(s) URL such as http://localhost:11434; this value {problem}",
            ParseError($"llm:\n  ollama:\n    base_url: \"{url}\"\n"));
    }

    [Fact]
    public void Parse_RequiredValueExpandingEmpty_NamesTheVariable()
    {
        Assert.Equal(
            "test.yaml:3:15: llm.ollama.base_url: expands to an empty value because OLLAMA_URL is not set; set OLLAMA_URL (environment or .env) or write ${OLLAMA_URL:-<value>}",
            ParseError("llm:\n  ollama:\n    base_url: \"${OLLAMA_URL}\"\n"));
    }

    [Fact]
    public void Parse_ModelNameExpandingEmpty_NamesTheVariable()
    {
        Assert.Equal(
            "test.yaml:4:18: llm.ollama.models.generator: expands to an empty value because GENERATOR_MODEL is not set; set GENERATOR_MODEL (environment or .env) or write ${GENERATOR_MODEL:-<value>}",
            ParseError("llm:\n  ollama:\n    models:\n      generator: ${GENERATOR_MODEL}\n"));
    }

    [Fact]
    public void Parse_EndpointsForAKeyWithoutModel_IsAnError()
    {
        const string yaml = """
            llm:
              ollama:
                models:
                  overseer: "llama3"
                endpoints:
                  oversser: ["http://gpu1:11434"]
            """;

        Assert.Equal(
            "test.yaml:6:7: llm.ollama.endpoints: model key 'oversser' has endpoints but no model in llm.ollama.models; keys there: overseer (did you mean 'overseer'?)",
            ParseError(yaml));
    }

    [Fact]
    public void Parse_SeveralProblems_AreReportedTogetherInFileOrder()
    {
        // tools stand first in the file but are read after llm: the report still follows the file.
        const string yaml = """
            tools:
              writer:
                temperature: 9
            llm:
              backend: "olama"
              ollama:
                base_url: "localhost"
            """;

        var lines = ParseError(yaml).Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("test.yaml:3:18: tools.writer.temperature:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("test.yaml:5:12: llm.backend: unknown backend 'olama';", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("test.yaml:7:15: llm.ollama.base_url:", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api_key: {value: \"sk-secret-123\"}")]
    [InlineData("api_key: \"sk-secret-123${\"")]
    [InlineData("api_key: \"sk-secret-123${not a name}\"")]
    [InlineData("organization: [\"sk-secret-123\"]")]
    public void Parse_MalformedSecret_IsReportedWithoutItsValue(string line)
    {
        var message = ParseError($"llm:\n  openai:\n    {line}\n");

        Assert.StartsWith("test.yaml:3:", message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret", message, StringComparison.Ordinal);
    }
}
