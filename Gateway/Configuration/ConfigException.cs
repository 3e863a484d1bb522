namespace Gateway.Configuration;

/// <summary>
/// A configuration the gateway refuses to start with. <see cref="Exception.Message"/> is the full operator-facing text:
/// <c>config/config.yaml:12:5: llm.fallback_backends[0]: backend 'opneai' is not known; valid backends: ollama, openai, ...</c>.
/// </summary>
internal sealed class ConfigException : Exception
{
    public ConfigException(string message) : base(message) { }

    public ConfigException(string message, Exception inner) : base(message, inner) { }

    public ConfigException() { }
}
