using Gateway.Tests.Api;
using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Harness;

/// <summary>
/// Two loopback upstreams for one model key: an OpenAI-compatible primary that the test scripts to misbehave (or a closed port), and
/// a healthy Ollama fallback. <see cref="Config"/> is the gateway config in front of them: attempts get 10 s (a loaded machine still
/// answers well within that), one retry, no cooldown; tests of timeouts give the primary short ones through <c>primarySettings</c>.
/// </summary>
internal sealed class PrimaryWithFallback : IAsyncDisposable
{
    public const string PrimaryModel = "gpt-4o";
    public const string FallbackModel = "llama3.2";

    private PrimaryWithFallback(StubUpstream? primary, string primaryUrl, StubUpstream fallback)
    {
        Primary = primary;
        PrimaryUrl = primaryUrl;
        Fallback = fallback;
    }

    /// <summary>The scripted primary; null when the primary is a port nothing listens on.</summary>
    public StubUpstream? Primary { get; }

    /// <summary>The primary's base URL, as the gateway reports it in attempt lines.</summary>
    public string PrimaryUrl { get; }

    public StubUpstream Fallback { get; }

    /// <param name="listening">False to point the primary at a closed port (connections refused).</param>
    public static async Task<PrimaryWithFallback> StartAsync(bool listening = true)
    {
        var primary = listening ? await StubUpstream.StartAsync(UpstreamKind.OpenAI) : null;
        var fallback = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        return new PrimaryWithFallback(primary, (primary?.Url ?? ClosedPort.Url()) + "/v1", fallback);
    }

    /// <param name="settings">YAML lines added under <c>llm:</c> (e.g. a <c>resilience:</c> section), instead of "no cooldown".</param>
    /// <param name="primarySettings">YAML lines added to the primary's section (timeouts, retries).</param>
    public string Config(string settings = "", string primarySettings = "") => $$"""
        llm:
          backend: openai
          fallback_backends: ["ollama"]
          global_defaults:
            timeout_seconds: 10
            stream_idle_timeout_seconds: 10
            max_retries: 1
        {{Indent(settings.Length > 0 ? settings : "resilience:\n  failures_before_cooldown: 1000")}}
          openai:
            base_url: "{{PrimaryUrl}}"
            api_key: "sk-test"
            models:
              generator: "{{PrimaryModel}}"
        {{Indent(Indent(primarySettings))}}
          ollama:
            base_url: "{{Fallback.Url}}"
            models:
              generator: "{{FallbackModel}}"
        """;

    public async ValueTask DisposeAsync()
    {
        await Fallback.DisposeAsync();
        if (Primary is not null)
        {
            await Primary.DisposeAsync();
        }
    }

    private static string Indent(string lines) =>
        lines.Length == 0 ? "" : string.Join("\n", lines.Split('\n').Select(line => "  " + line));
}
