using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Gateway.Configuration;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Security;

/// <summary>Editing the YAML while requests keep coming: a good edit applies, a bad one is refused, and no request fails meanwhile.</summary>
public sealed class HotReloadTests
{
    private static string Config(string url, string generator) => $$"""
        llm:
          backend: ollama
          ollama:
            base_url: "{{url}}"
            models: { generator: "{{generator}}" }
        """;

    [Fact]
    public async Task Edits_UnderConcurrentTraffic_GoodAppliesBadIsRefusedAndNoRequestFails()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var original = Config(ollama.Url, "llama3.2");
        var edited = Config(ollama.Url, "qwen2.5");
        // Every timer of the gateway sees the watcher's looks pass; 20 ms of them is far below the timeouts of the requests in flight.
        await using var gateway = await TestGateway.For(original)
            .WithFakeTime().WatchConfigEvery(TimeSpan.FromMilliseconds(20)).LogAt(LogLevel.Information).StartAsync();

        var answers = new ConcurrentQueue<(int Status, string Version, string Model)>();
        using var stop = new CancellationTokenSource();
        var traffic = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                answers.Enqueue(await ChatAsync(gateway));
            }
        })).ToArray();

        await WaitForAnswersAsync(answers, 20);
        await gateway.EditConfigAsync(edited);
        await gateway.Logs.WaitForAsync(line => line.Contains("Config reloaded", StringComparison.Ordinal));
        var afterGood = await ChatAsync(gateway);

        await gateway.EditConfigAsync(edited + "\n  fallback_backends: [opneai]\n");
        var rejection = await gateway.Logs.WaitForAsync(line => line.Contains("Config edit rejected", StringComparison.Ordinal) && line.Contains("opneai", StringComparison.Ordinal));
        var afterBad = await ChatAsync(gateway);
        await WaitForAnswersAsync(answers, answers.Count + 20);

        await stop.CancelAsync();
        await Task.WhenAll(traffic);

        Assert.All(answers, answer => Assert.Equal(200, answer.Status));
        Assert.Equal((200, ConfigVersion.Of(edited), "qwen2.5"), afterGood);
        Assert.Equal((200, ConfigVersion.Of(edited), "qwen2.5"), afterBad);
        Assert.Contains("llm.fallback_backends[0]: unknown backend 'opneai'", rejection, StringComparison.Ordinal);
        Assert.Contains("still serving version", rejection, StringComparison.Ordinal);
        Assert.Contains(ConfigVersion.Of(edited), rejection, StringComparison.Ordinal);
        Assert.Contains(answers, answer => answer.Model == "llama3.2" && answer.Version == ConfigVersion.Of(original));
        Assert.All(answers, answer => Assert.True(
            (answer.Model, answer.Version) == ("llama3.2", ConfigVersion.Of(original)) || (answer.Model, answer.Version) == ("qwen2.5", ConfigVersion.Of(edited)),
            $"an answer mixes configs: {answer}"));
    }

    [Fact]
    public async Task FileLeftEmptyThenFixed_ServesTheOldConfigSaysSoOnceThenLogsTheAcceptedVersion()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var original = Config(ollama.Url, "llama3.2");
        var edited = Config(ollama.Url, "qwen2.5");
        await using var gateway = await TestGateway.For(original).WithFakeTime().StartAsync();

        await gateway.EditConfigAsync("");
        await gateway.EditConfigAsync("");
        var whileEmpty = await ChatAsync(gateway);
        await gateway.EditConfigAsync(edited);
        var afterFix = await ChatAsync(gateway);

        Assert.Equal((200, ConfigVersion.Of(original), "llama3.2"), whileEmpty);
        Assert.Equal((200, ConfigVersion.Of(edited), "qwen2.5"), afterFix);
        var accepted = await gateway.Logs.WaitForAsync(line => line.Contains("accepted after", StringComparison.Ordinal) && line.Contains("an empty file", StringComparison.Ordinal));
        Assert.Contains(ConfigVersion.Of(edited), accepted, StringComparison.Ordinal);
        var empty = Assert.Single(gateway.Logs.Lines, line => line.Contains("is empty; still serving version", StringComparison.Ordinal));
        Assert.Contains(ConfigVersion.Of(original), empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_ShowsTheVersionInForce()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var yaml = Config(ollama.Url, "llama3.2");
        await using var gateway = await TestGateway.StartAsync(yaml);

        using var response = await gateway.Http.GetAsync("/health/ready");

        var version = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("config_version").GetString();
        Assert.Equal(ConfigVersion.Of(yaml), version);
        Assert.Equal(ConfigVersion.Of(yaml), Assert.Single(response.Headers.GetValues("x-gateway-config-version")));
    }

    private static async Task<(int Status, string Version, string Model)> ChatAsync(TestGateway gateway)
    {
        using var response = await gateway.Http.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"generator","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
        await response.Content.ReadAsStringAsync();
        return (
            (int)response.StatusCode,
            response.Headers.TryGetValues("x-gateway-config-version", out var version) ? version.Single() : "",
            response.Headers.TryGetValues("x-gateway-model", out var model) ? model.Single() : "");
    }

    private static async Task WaitForAnswersAsync(ConcurrentQueue<(int, string, string)> answers, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (answers.Count < count)
        {
            await Task.Yield();
            deadline.Token.ThrowIfCancellationRequested();
        }
    }
}
