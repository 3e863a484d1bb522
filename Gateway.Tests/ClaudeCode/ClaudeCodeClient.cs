using System.Text.Json;

namespace Gateway.Tests.ClaudeCode;

/// <summary>One non-interactive Claude Code run: how the process ended, and the result object it printed (<c>--output-format json</c>).</summary>
internal sealed record ClaudeCodeRun(ProcessResult Process, JsonElement? Result)
{
    public string? Text(string property) =>
        Result is { ValueKind: JsonValueKind.Object } result && result.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public JsonElement? Property(string property) =>
        Result is { ValueKind: JsonValueKind.Object } result && result.TryGetProperty(property, out var value) ? value : null;
}

/// <summary>
/// Runs the Claude Code client the way a developer points it at the gateway (<c>ANTHROPIC_BASE_URL</c> without <c>/v1</c>, the gateway
/// key as <c>ANTHROPIC_API_KEY</c>, <c>ANTHROPIC_MODEL=&lt;backend&gt;/&lt;key&gt;</c>, the Haiku-class model for background work set to
/// the same), offline: no auto-update, no non-essential traffic, every proxy variable pointing at a <see cref="RefusingProxy"/> with
/// loopback exempt, a scratch <c>HOME</c>, and none of this machine's own <c>ANTHROPIC_*</c> or <c>CLAUDE_*</c> settings.
/// </summary>
internal sealed class ClaudeCodeClient(string executable, string gatewayUrl, string key, string proxyUrl)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] ProxyVariables = ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy"];

    /// <summary><c>claude -p &lt;prompt&gt; --output-format json</c> in <paramref name="workingDirectory"/>, with <paramref name="flags"/>.</summary>
    public async Task<ClaudeCodeRun> PrintAsync(string model, string prompt, string workingDirectory, string home, params string[] flags)
    {
        var process = await BoundedProcess.RunAsync(
            executable, ["-p", prompt, "--output-format", "json", .. flags], workingDirectory, Environment(model, home), RunTimeout);
        return new ClaudeCodeRun(process, ParseResult(process.Output));
    }

    private Dictionary<string, string?> Environment(string model, string home)
    {
        var variables = new Dictionary<string, string?>();
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (name.StartsWith("ANTHROPIC_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("CLAUDE_", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith("_PROXY", StringComparison.OrdinalIgnoreCase))
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
        variables["ANTHROPIC_BASE_URL"] = gatewayUrl;
        variables["ANTHROPIC_API_KEY"] = key;
        variables["ANTHROPIC_MODEL"] = model;
        variables["ANTHROPIC_DEFAULT_HAIKU_MODEL"] = model;
        variables["ANTHROPIC_SMALL_FAST_MODEL"] = model;
        variables["DISABLE_AUTOUPDATER"] = "1";
        variables["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
        return variables;
    }

    private static JsonElement? ParseResult(string output)
    {
        var line = output.Split('\n').Select(text => text.Trim()).LastOrDefault(text => text.StartsWith('{'));
        if (line is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
