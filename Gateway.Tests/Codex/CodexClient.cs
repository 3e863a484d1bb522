using Gateway.Tests.ClaudeCode;

namespace Gateway.Tests.Codex;

/// <summary>
/// Runs the Codex CLI the way a developer points it at the gateway: a <c>config.toml</c> in a scratch <c>CODEX_HOME</c> that defines the
/// gateway as a model provider speaking the Responses API (<c>wire_api = "responses"</c>, <c>base_url</c> with <c>/v1</c>, the gateway
/// key read from <see cref="KeyVariable"/>), the model <c>&lt;backend&gt;/&lt;key&gt;</c>, approvals off and the read-only sandbox.
/// Offline: no update check, analytics, feedback, telemetry or plugin sync, every proxy variable pointing at a
/// <see cref="RefusingProxy"/> with loopback exempt, a scratch <c>HOME</c>, and none of this machine's <c>OPENAI_*</c> or
/// <c>CODEX_*</c> settings. Retries are off, so a refused request fails the run at once instead of after a minute of backoff.
/// </summary>
internal sealed class CodexClient(string executable, string gatewayUrl, string key, string proxyUrl)
{
    public const string KeyVariable = "LLM_GATEWAY_KEY";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] ProxyVariables = ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy"];

    /// <summary>
    /// <c>codex exec --json &lt;prompt&gt;</c> in <paramref name="workingDirectory"/>, its <c>CODEX_HOME</c> and <c>HOME</c> under
    /// <paramref name="home"/>.
    /// </summary>
    public async Task<CodexRun> ExecAsync(string model, string prompt, string workingDirectory, string home)
    {
        var codexHome = Directory.CreateDirectory(Path.Combine(home, ".codex")).FullName;
        await File.WriteAllTextAsync(Path.Combine(codexHome, "config.toml"), Config(model));
        var process = await BoundedProcess.RunAsync(
            executable,
            ["exec", "--json", "--strict-config", "--ephemeral", "--skip-git-repo-check", "--sandbox", "read-only", prompt],
            workingDirectory,
            Environment(home, codexHome),
            RunTimeout);
        return CodexRun.From(process);
    }

    private string Config(string model) => $$"""
        model = "{{model}}"
        model_provider = "gateway"
        approval_policy = "never"
        check_for_update_on_startup = false

        [model_providers.gateway]
        name = "LLM gateway"
        base_url = "{{gatewayUrl}}/v1"
        env_key = "{{KeyVariable}}"
        wire_api = "responses"
        request_max_retries = 0
        stream_max_retries = 0
        stream_idle_timeout_ms = 20000

        [features]
        plugins = false

        [analytics]
        enabled = false

        [feedback]
        enabled = false

        [otel]
        exporter = "none"
        """;

    private Dictionary<string, string?> Environment(string home, string codexHome)
    {
        var variables = new Dictionary<string, string?>();
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("OPENAI_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("CODEX_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("RUST_", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_PROXY", StringComparison.OrdinalIgnoreCase))
            {
                variables[name] = null;
            }
        }

        foreach (var proxy in ProxyVariables)
        {
            variables[proxy] = proxyUrl;
        }

        variables["NO_PROXY"] = variables["no_proxy"] = "127.0.0.1,localhost";
        variables["HOME"] = variables["USERPROFILE"] = home;
        variables["CODEX_HOME"] = codexHome;
        variables[KeyVariable] = key;
        return variables;
    }
}
