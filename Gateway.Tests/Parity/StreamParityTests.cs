using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using OpenAI.Chat;

namespace Gateway.Tests.Parity;

/// <summary>Streams behave alike on every backend beyond the happy path: usage nobody asked for, and failures after the first token.</summary>
[Collection(ParityCollection.Name)]
public sealed class StreamParityTests(ParityFixture fixture)
{
    public static TheoryData<string> Backends() => [.. ParityBackend.All.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Stream_ClientDidNotAskForUsage_NoUsageChunkReachesItYetTheGatewayCountsTheTokens(string backendName)
    {
        var backend = ParityBackend.Named(backendName);
        var model = $"{backend.Model}-usage-{Guid.NewGuid():N}";
        var answer = backend.Answer(ParityScenario.PlainText, stream: true);
        var (input, output) = answer.Expected.Usage!.Value;
        using var tokens = new TokenUsageProbe(model);
        await using var stub = await StubUpstream.StartAsync(backend.Kind);
        stub.Enqueue(answer.Response);
        await using var gateway = await TestGateway.StartAsync(ParityFixture.Config(backend, stub.Url, model));

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Json("""{"model":"generator","stream":true,"messages":[{"role":"user","content":"Hello!"}]}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"usage\":{", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"choices\":[]", body, StringComparison.Ordinal);
        Assert.Equal((input, output), await tokens.CountedAsync());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Stream_UpstreamFailsAfterTheFirstText_ClientHasTheTextThenAnOpenAiErrorEventAndNoDone(string backendName)
    {
        var backend = ParityBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend);
        var failure = backend.MidStreamFailure();
        stub.Enqueue(failure.Response);

        using var response = await gateway.Http.PostAsync("/v1/chat/completions", Json("""{"model":"generator","stream":true,"messages":[{"role":"user","content":"Hello!"}]}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(events, e => e.Contains(Fixture.JsonString(failure.TextBefore), StringComparison.Ordinal));
        var error = events[^1];
        Assert.StartsWith("data: {\"error\":{", error, StringComparison.Ordinal);
        Assert.Contains(failure.ErrorPhrase, error, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
    }

    /// <summary>
    /// The .NET SDK ignores error events inside a stream (against OpenAI itself as well): the enumeration just ends. What tells the
    /// application the answer is incomplete is the missing finish reason, on every backend alike.
    /// </summary>
    [Theory]
    [MemberData(nameof(Backends))]
    public async Task StreamWithDotNetSdk_UpstreamFailsAfterTheFirstText_TextArrivesAndNoFinishReasonMarksTheCut(string backendName)
    {
        var backend = ParityBackend.Named(backendName);
        var (stub, gateway) = fixture.For(backend);
        stub.Enqueue(backend.MidStreamFailure().Response);
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        var updates = 0;

        await foreach (var update in ParityClient.For(gateway.Url).CompleteChatStreamingAsync([new UserChatMessage("Hello!")]))
        {
            updates++;
            text.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
            finish ??= update.FinishReason;
        }

        Assert.Equal(backend.MidStreamFailure().TextBefore, text.ToString());
        Assert.True(updates >= 2);
        Assert.Null(finish);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Listens to the gateway's <c>gen_ai.client.token.usage</c> histogram for one model's input and output tokens.</summary>
    private sealed class TokenUsageProbe : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _counted = new();
        private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TokenUsageProbe(string model)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Gateway" && instrument.Name == "gen_ai.client.token.usage")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? type = null, measuredModel = null;
                foreach (var tag in tags)
                {
                    type = tag.Key == "gen_ai.token.type" ? tag.Value as string : type;
                    measuredModel = tag.Key == "gen_ai.request.model" ? tag.Value as string : measuredModel;
                }

                if (measuredModel == model && type is not null)
                {
                    _counted[type] = value;
                    if (_counted.Count == 2)
                    {
                        _both.TrySetResult();
                    }
                }
            });
            _listener.Start();
        }

        public async Task<(int Input, int Output)> CountedAsync()
        {
            await _both.Task.WaitAsync(TimeSpan.FromSeconds(10));
            return ((int)_counted["input"], (int)_counted["output"]);
        }

        public void Dispose() => _listener.Dispose();
    }
}
