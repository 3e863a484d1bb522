using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Security;

/// <summary>
/// Plants keys in the config and scans everything the gateway lets out — answers (bodies and headers) of every endpoint including
/// errors, logs, traces and metric labels — for them, after driving requests that succeed, fail upstream, and echo a key back.
/// </summary>
public sealed class SecretScanTests
{
    private const string GatewayKey = "gw-planted-gateway-SECRET-0001";
    private const string OpenAiKey = "sk-planted-openai-SECRET-0002";
    private const string AnthropicKey = "sk-ant-planted-SECRET-0003";
    private const string AzureKey = "planted-azure-SECRET-0004";
    private const string DeploymentKey = "planted-deployment-SECRET-0005";
    private const string OllamaKey = "planted-ollama-SECRET-0006";

    private static readonly string[] Secrets = [GatewayKey, OpenAiKey, AnthropicKey, AzureKey, DeploymentKey, OllamaKey];

    private static readonly string[] Paths =
    [
        "/health", "/health/ready", "/health/backends", "/v1/models", "/v1/models/generator", "/v1/models/openai%2Fgpt-4o", "/v1/nope", "/nope",
        "/metrics", "/swagger/v1/swagger.json", "/swagger/index.html", "/openapi/v1.json",
    ];

    [Fact]
    public async Task PlantedKeys_NeverInAnswersLogsTracesOrMetrics()
    {
        var traces = new ConcurrentQueue<string>();
        using var activities = ListenToActivities(traces);
        var metrics = new ConcurrentQueue<string>();
        using var meters = ListenToMeters(metrics);

        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var anthropic = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        await using var azure = await StubUpstream.StartAsync(UpstreamKind.Azure);
        anthropic.ExpectedApiKey = "some-other-key-0123456789";
        await using var gateway = await TestGateway.For($$"""
            llm:
              backend: ollama
              fallback_backends: [openai]
              ollama:
                base_url: "{{ollama.Url}}"
                api_key: "{{OllamaKey}}"
                models: { generator: "llama3.2" }
                embedding_model: "nomic-embed-text"
              openai:
                base_url: "{{openai.Url}}/v1"
                api_key: "{{OpenAiKey}}"
                models: { generator: "gpt-4o" }
              anthropic:
                base_url: "{{anthropic.Url}}"
                api_key: "${ANTHROPIC_KEY}"
                models: { generator: "claude-3-5-haiku-latest" }
              azure:
                endpoint: "{{azure.Url}}"
                api_key: "{{AzureKey}}"
                deployments:
                  generator: { deployment: "gpt-4o-dep", model: "gpt-4o" }
                  east: { deployment: "gpt-4o-east", endpoint: "{{ClosedPortUrl()}}", api_key: "{{DeploymentKey}}" }
            server:
              api_keys: ["{{GatewayKey}}"]
            """).WithVariable("ANTHROPIC_KEY", AnthropicKey).LogAt(LogLevel.Information).StartAsync();

        // An upstream that quotes the key it was sent, a primary that is down (fallback), an upstream that rejects its key.
        openai.Enqueue(StubResponse.Json(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{OpenAiKey}}}.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""));
        ollama.Enqueue(StubResponse.Json(500, $$"""{"error":"upstream saw {{OllamaKey}}"}"""));
        openai.Enqueue(StubResponse.Json(500, $$$"""{"error":{"message":"boom {{{OpenAiKey}}}","type":"server_error","param":null,"code":null}}"""));
        var seen = new StringBuilder();
        using var client = gateway.WithBearer(GatewayKey);
        foreach (var (model, stream) in ((string, bool)[])[
            ("openai/generator", false), ("generator", false), ("anthropic/generator", false), ("anthropic/generator", true),
            ("azure/generator", false), ("azure/east", false), ("generator", true), ("openai/generator", true)])
        {
            await RecordAsync(seen, client.PostAsync("/v1/chat/completions", Json($$"""{"model":"{{model}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""")));
        }

        await RecordAsync(seen, client.PostAsync("/v1/embeddings", Json("""{"model":"nomic-embed-text","input":"hi"}""")));
        await RecordAsync(seen, client.PostAsync("/v1/chat/completions", Json("""{"model":"generator","messages":"broken"}""")));
        foreach (var path in Paths)
        {
            await RecordAsync(seen, client.GetAsync(path));
            await RecordAsync(seen, gateway.Http.GetAsync(path));
        }

        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        wrongKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GatewayKey + "-not");
        await RecordAsync(seen, gateway.Http.SendAsync(wrongKey));

        Assert.Contains("[redacted]", seen.ToString(), StringComparison.Ordinal);
        AssertNoSecret("answers", seen.ToString());
        AssertNoSecret("logs", gateway.Logs.All);
        AssertNoSecret("traces", string.Join('\n', traces));
        AssertNoSecret("metrics", string.Join('\n', metrics));
        Assert.NotEmpty(traces);
        Assert.NotEmpty(metrics);
        Assert.NotEmpty(gateway.Logs.Lines);
    }

    private static void AssertNoSecret(string where, string text)
    {
        foreach (var secret in Secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} contain the planted key {secret}:\n{Excerpt(text, secret)}");
        }
    }

    private static async Task RecordAsync(StringBuilder seen, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        seen.Append((int)response.StatusCode).Append(' ').Append(response.RequestMessage?.RequestUri).Append('\n');
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            seen.Append(header.Key).Append(": ").Append(string.Join(", ", header.Value)).Append('\n');
        }

        seen.Append(await response.Content.ReadAsStringAsync()).Append('\n');
    }

    private static ActivityListener ListenToActivities(ConcurrentQueue<string> traces)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var text = new StringBuilder(activity.Source.Name).Append(' ').Append(activity.DisplayName).Append(' ').Append(activity.StatusDescription);
                foreach (var tag in activity.TagObjects)
                {
                    text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
                }

                foreach (var e in activity.Events)
                {
                    text.Append(' ').Append(e.Name);
                    foreach (var tag in e.Tags)
                    {
                        text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
                    }
                }

                traces.Enqueue(text.ToString());
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static MeterListener ListenToMeters(ConcurrentQueue<string> metrics)
    {
        var listener = new MeterListener { InstrumentPublished = (instrument, l) => l.EnableMeasurementEvents(instrument) };
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            var text = new StringBuilder(instrument.Meter.Name).Append(' ').Append(instrument.Name);
            foreach (var tag in tags)
            {
                text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
            }

            metrics.Enqueue(text.ToString());
        }

        listener.SetMeasurementEventCallback<long>(Record);
        listener.SetMeasurementEventCallback<double>(Record);
        listener.SetMeasurementEventCallback<int>(Record);
        listener.Start();
        return listener;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string ClosedPortUrl() => Api.ClosedPort.Url();

    private static string Excerpt(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        return text.Substring(Math.Max(0, at - 300), Math.Min(text.Length - Math.Max(0, at - 300), 600));
    }
}
