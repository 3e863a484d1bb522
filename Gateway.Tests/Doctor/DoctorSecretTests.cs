using Gateway.Tests.Upstreams;

namespace Gateway.Tests.Doctor;

/// <summary>Nothing secret is printed: not keys, not passwords written into URLs, not when an upstream quotes them back.</summary>
public sealed class DoctorSecretTests
{
    private const string Key = "sk-doctor-secret-4711";
    private const string Password = "pa55word-doctor";

    [Fact]
    public async Task RunAsync_KeyAndUrlPassword_NeverPrinted()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        openai.Enqueue(StubResponse.Json(500, $$$"""{"error":{"message":"internal error handling key {{{Key}}} for {{{Password}}}","type":"server_error"}}"""));
        var withPassword = ollama.Url.Replace("http://", $"http://doctor:{Password}@", StringComparison.Ordinal);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: openai
              fallback_backends: [ollama]
              openai:
                base_url: "{{openai.Url}}/v1"
                models: { generator: "model-id-0" }
              ollama:
                base_url: "{{withPassword}}"
                models: { generator: "llama3.2" }
            """, ("OPENAI_API_KEY", Key));

        Assert.Equal($"Bearer {Key}", openai.Requests.Single().Header("Authorization"));
        Assert.Single(ollama.Requests);
        Assert.DoesNotContain(Key, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Output, StringComparison.Ordinal);
        run.Single("FAIL", "openai", "answered HTTP 500", "internal error handling key [redacted] for [redacted]");
        run.Single("ok", "ollama", "http://[redacted]@127.0.0.1:", "reachable in");
    }

    [Fact]
    public async Task RunAsync_ShortUrlPassword_StillMaskedInTheEndpointColumn()
    {
        await using var ollama = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        var withPassword = ollama.Url.Replace("http://", "http://u:pw1@", StringComparison.Ordinal);

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: ollama
              ollama:
                base_url: "{{withPassword}}"
            """);

        Assert.DoesNotContain("pw1", run.Output, StringComparison.Ordinal);
        run.Single("ok", "http://[redacted]@127.0.0.1:");
    }

    [Fact]
    public async Task RunAsync_UpstreamQuotesAUrlWithShortPassword_UserInfoMasked()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        openai.Enqueue(StubResponse.Json(500, """{"error":{"message":"relay http://u:pw@10.0.0.9:8080/v1 refused","type":"server_error"}}"""));

        var run = await DoctorRun.OfAsync($$"""
            llm:
              backend: openai
              openai:
                base_url: "{{openai.Url}}/v1"
                models: { generator: "model-id-0" }
            """, ("OPENAI_API_KEY", Key));

        Assert.DoesNotContain("u:pw", run.Output, StringComparison.Ordinal);
        run.Single("FAIL", "openai", "relay http://[redacted]@10.0.0.9:8080/v1 refused");
    }
}
