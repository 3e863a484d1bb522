using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Configuration;

/// <summary>Unknown keys inside the gateway's sections are errors that list the valid keys; unknown top-level sections only warn.</summary>
public sealed class UnknownKeyTests
{
    private const string Ollama = "llm:\n  ollama: {}\n";

    [Theory]
    [InlineData(
        "llm:\n  ollama: {}\n  fallback_backend: []\n",
        "3:3: llm: unknown key 'fallback_backend'; valid keys: backend, fallback_backends, global_defaults, resilience, model_aliases, ollama, openai, anthropic, azure, lmstudio, mock, mock_fallback (did you mean 'fallback_backends'?)")]
    [InlineData(
        "llm:\n  ollama:\n    base_ur: \"http://gpu:11434\"\n",
        "3:5: llm.ollama: unknown key 'base_ur'; valid keys: base_url, api_key, models, endpoints, context_windows, max_output_tokens, embedding_model, timeout_seconds, stream_idle_timeout_seconds, max_retries, truncate_prompts, max_request_seconds, max_retry_wait_seconds (did you mean 'base_url'?)")]
    [InlineData(
        "llm:\n  anthropic:\n    embedding_model: \"voyage\"\n",
        "3:5: llm.anthropic: unknown key 'embedding_model'; valid keys: base_url, api_key, models, endpoints, context_windows, max_output_tokens, timeout_seconds, stream_idle_timeout_seconds, max_retries, truncate_prompts, max_request_seconds, max_retry_wait_seconds")]
    [InlineData(
        "llm:\n  ollama: {}\n  global_defaults:\n    temprature: 0.2\n",
        "4:5: llm.global_defaults: unknown key 'temprature'; valid keys: default_backend, default_embedding_backend, temperature, max_tokens, timeout_seconds, stream_idle_timeout_seconds, max_retries, truncate_prompts, max_request_seconds, max_retry_wait_seconds (did you mean 'temperature'?)")]
    [InlineData(
        "llm:\n  azure:\n    endpoint: \"https://a.openai.azure.com\"\n    deployments:\n      generator:\n        deployment: \"gpt-4\"\n        modle: \"gpt-4\"\n",
        "7:9: llm.azure.deployments.generator: unknown key 'modle'; valid keys: deployment, model, endpoint, api_key (did you mean 'model'?)")]
    [InlineData(
        Ollama + "tools:\n  writer:\n    systemprompt: \"Be brief\"\n",
        "5:5: tools.writer: unknown key 'systemprompt'; valid keys: type, backend, description, system_prompt, prompt_template, temperature, max_tokens, llm, cost_tier, speed_tier, quality_tier, max_output_length, timeout_seconds, stream_idle_timeout_seconds, max_retries, truncate_prompts, max_request_seconds, max_retry_wait_seconds (did you mean 'system_prompt'?)")]
    [InlineData(
        Ollama + "tools:\n  writer:\n    llm:\n      modelkey: \"generator\"\n",
        "6:7: tools.writer.llm: unknown key 'modelkey'; valid keys: model_key, model, system_prompt, prompt_template, temperature, max_tokens (did you mean 'model_key'?)")]
    [InlineData(
        Ollama + "model_selector:\n  enable: true\n",
        "4:3: model_selector: unknown key 'enable'; valid keys: enabled, weights, models (did you mean 'enabled'?)")]
    [InlineData(
        Ollama + "model_selector:\n  weights:\n    latency: 10\n",
        "5:5: model_selector.weights: unknown key 'latency'; valid keys: context_window, speed, cost, quality, specialization")]
    public void Parse_UnknownKey_IsAnErrorListingTheValidKeys(string yaml, string expected)
    {
        Assert.Equal($"test.yaml:{expected}", ParseError(yaml));
    }

    [Fact]
    public void Parse_UnknownTopLevelSections_OnlyWarn()
    {
        const string yaml = """
            llm:
              ollama: {}
            rag:
              top_k: 5
            tool:
              writer: {}
            """;

        var config = Parse(yaml);

        Assert.Equal(
            [
                "test.yaml:3:1: top-level section 'rag' is not used by the gateway and is ignored",
                "test.yaml:5:1: top-level section 'tool' is not used by the gateway and is ignored (did you mean 'tools'?)",
            ],
            config.Warnings);
    }

    [Fact]
    public void Parse_TopLevelBackendNextToLlm_IsIgnoredWithAWarning()
    {
        const string yaml = """
            llm:
              ollama: {}
            openai:
              api_key: "${OPENAI_API_KEY}"
            """;

        var config = Parse(yaml);

        Assert.Equal(["ollama"], config.Llm.Backends.Keys);
        Assert.Equal(
            "test.yaml:3:1: top-level section 'openai' is ignored because an 'llm:' section exists; move it under 'llm:' to use it",
            Assert.Single(config.Warnings));
    }

    [Fact]
    public void Parse_InformationalToolKeys_AreAccepted()
    {
        const string yaml = """
            llm:
              ollama: {}
            tools:
              writer:
                cost_tier: "medium"
                speed_tier: "fast"
                quality_tier: "good"
                max_output_length: "long"
            """;

        Assert.Equal(["writer"], Parse(yaml).Tools.Keys);
    }
}
