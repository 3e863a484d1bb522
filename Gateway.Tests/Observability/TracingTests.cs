using System.Diagnostics;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;
using OpenTelemetry.Trace;

namespace Gateway.Tests.Observability;

public sealed class TracingTests
{
    private static string Config(string dead, StubUpstream openai) => $$"""
        llm:
          backend: ollama
          global_defaults: {max_retries: 0}
          fallback_backends: ["openai"]
          ollama:
            base_url: "{{dead}}"
            models:
              generator: "llama3"
          openai:
            base_url: "{{openai.Url}}/v1"
            api_key: "sk-test"
            models:
              generator: "gpt-4o"
        """;

    private static object? Tag(Activity span, string name) => span.TagObjects.FirstOrDefault(t => t.Key == name).Value;

    [Fact]
    public async Task Traces_FallbackRequest_ServerSpanParentsOneClientSpanPerAttemptAndOtlpReceivesThem()
    {
        var spans = new SpanCollector();
        var dead = ClosedPort.Url();
        await using var collector = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };
        var gateway = await TestGateway.For(Config(dead, openai)).WithEnvironment(environment)
            .WithServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans))).StartAsync();
        await using (gateway)
        {
            await gateway.Chat("generator").CompleteChatAsync([new UserChatMessage("hi")]);
        }

        var attempts = spans.Spans.Where(s => Tag(s, "gateway.endpoint") is string endpoint && (endpoint == dead || endpoint == openai.Url + "/v1"))
            .OrderBy(s => Tag(s, "gateway.attempt")).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, span =>
        {
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal("chat", Tag(span, "gen_ai.operation.name"));
            Assert.Equal("generator", Tag(span, "gateway.requested_model"));
        });

        var (refused, answered) = (attempts[0], attempts[1]);
        Assert.Equal(("ollama", "llama3", 1), (Tag(refused, "gateway.backend"), Tag(refused, "gen_ai.request.model"), Tag(refused, "gateway.attempt")));
        Assert.Equal("connection_error", Tag(refused, "error.type"));
        Assert.Equal(ActivityStatusCode.Error, refused.Status);
        Assert.Equal(("openai", "gpt-4o", 2), (Tag(answered, "gen_ai.provider.name"), Tag(answered, "gen_ai.request.model"), Tag(answered, "gateway.attempt")));
        Assert.Equal("fallback 'openai'", Tag(answered, "gateway.reason"));
        Assert.Equal((19, 10), (Tag(answered, "gen_ai.usage.input_tokens"), Tag(answered, "gen_ai.usage.output_tokens")));
        Assert.NotNull(Tag(answered, "gen_ai.response.model"));

        // The stub upstream is traced too (same process, context propagated), so pick the gateway's server span by parentage.
        var server = Assert.Single(spans.Spans, s => s.Kind == ActivityKind.Server && s.SpanId == answered.ParentSpanId);
        Assert.Equal("/v1/chat/completions", Tag(server, "http.route"));
        Assert.Equal(server.SpanId, refused.ParentSpanId);

        var exported = collector.Requests.Where(r => r.Method == "POST" && r.Path == "/v1/traces").Select(r => r.Body).ToList();
        Assert.Contains(exported, body => body.Contains("chat gpt-4o", StringComparison.Ordinal) && body.Contains("gen_ai.usage.input_tokens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Traces_NoOtlpEndpoint_NoTracerAtAll()
    {
        await using var openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        await using var gateway = await TestGateway.StartAsync(Config(ClosedPort.Url(), openai));

        Assert.Null(gateway.Services.GetService<TracerProvider>());
    }
}
