using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Api;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Builder;

namespace Gateway.Tests.Resilience;

/// <summary>
/// A gateway in front of two loopback upstreams: an OpenAI-compatible primary that the test scripts to misbehave (or a closed port),
/// and a healthy Ollama fallback for the same model key. Attempts get 10 s (a loaded machine still answers well within that); tests of
/// timeouts give the primary short ones through <c>primarySettings</c>.
/// </summary>
internal sealed class ResilienceRig : IAsyncDisposable
{
    public const string PrimaryModel = "gpt-4o";
    public const string FallbackModel = "llama3.2";

    private ResilienceRig(StubUpstream? primary, string primaryUrl, StubUpstream fallback, GatewayHarness gateway)
    {
        Primary = primary;
        PrimaryUrl = primaryUrl;
        Fallback = fallback;
        Gateway = gateway;
    }

    /// <summary>The scripted primary; null when the primary is a port nothing listens on.</summary>
    public StubUpstream? Primary { get; }

    /// <summary>The primary's base URL, as the gateway reports it in attempt lines.</summary>
    public string PrimaryUrl { get; }

    public StubUpstream Fallback { get; }

    public GatewayHarness Gateway { get; }

    /// <param name="listening">False to point the primary at a closed port (connections refused).</param>
    /// <param name="settings">YAML lines added under <c>llm:</c> (e.g. a <c>resilience:</c> section), indented by two spaces.</param>
    public static async Task<ResilienceRig> StartAsync(
        bool listening = true, string settings = "", string primarySettings = "", Action<WebApplicationBuilder>? configure = null)
    {
        var primary = listening ? await StubUpstream.StartAsync(UpstreamKind.OpenAI) : null;
        var primaryUrl = (primary?.Url ?? ClosedPort.Url()) + "/v1";
        var fallback = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var yaml = $$"""
            llm:
              backend: openai
              fallback_backends: ["ollama"]
              global_defaults:
                timeout_seconds: 10
                stream_idle_timeout_seconds: 10
                max_retries: 1
            {{Indent(settings.Length > 0 ? settings : "resilience:\n  failures_before_cooldown: 1000")}}
              openai:
                base_url: "{{primaryUrl}}"
                api_key: "sk-test"
                models:
                  generator: "{{PrimaryModel}}"
            {{Indent(Indent(primarySettings))}}
              ollama:
                base_url: "{{fallback.Url}}"
                models:
                  generator: "{{FallbackModel}}"
            """;
        var gateway = await GatewayHarness.StartAsync(yaml, configure: configure);
        return new ResilienceRig(primary, primaryUrl, fallback, gateway);
    }

    /// <summary>Asks for <c>generator</c>, streamed or not, and reads the whole answer.</summary>
    public async Task<Answer> ChatAsync(bool stream, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(
                $$"""{"model":"generator","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""",
                Encoding.UTF8,
                "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Gateway.Http.SendAsync(request);
        return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers, response.Content.Headers.ContentType?.MediaType);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Fallback.DisposeAsync();
        if (Primary is not null)
        {
            await Primary.DisposeAsync();
        }
    }

    private static string Indent(string lines) =>
        lines.Length == 0 ? "" : string.Join("\n", lines.Split('\n').Select(line => "  " + line));
}

/// <summary>What the gateway answered: status, whole body, headers.</summary>
internal sealed record Answer(int Status, string Body, HttpResponseHeaders Headers, string? MediaType)
{
    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public string? Backend => Header("x-gateway-backend");

    public int Attempts => int.Parse(Header("x-gateway-attempts") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>error.message</c> of an OpenAI-shaped error body.</summary>
    public string ErrorMessage => JsonDocument.Parse(Body).RootElement.GetProperty("error").GetProperty("message").GetString()!;

    public string ErrorCode => JsonDocument.Parse(Body).RootElement.GetProperty("error").GetProperty("code").GetString()!;

    /// <summary>The concatenated <c>delta.content</c> of an SSE answer.</summary>
    public string StreamedText()
    {
        var text = new StringBuilder();
        foreach (var line in Body.Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }

            using var chunk = JsonDocument.Parse(line["data: ".Length..]);
            if (chunk.RootElement.TryGetProperty("choices", out var choices))
            {
                foreach (var choice in choices.EnumerateArray())
                {
                    if (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                    {
                        text.Append(content.GetString());
                    }
                }
            }
        }

        return text.ToString();
    }
}
