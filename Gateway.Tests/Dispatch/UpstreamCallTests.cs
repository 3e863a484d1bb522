using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Exchange;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Tests.Backends;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Dispatch;

/// <summary>
/// The one chain every try runs through (<see cref="DispatchServices.Chain"/>), around a hand-written core: what it records, what the
/// endpoint's health hears, and how it words what a try throws, the same for every operation.
/// </summary>
public sealed class UpstreamCallTests
{
    private static readonly CooldownSettings OneFailure = new() { FailuresBeforeCooldown = 1 };

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly EndpointHealth _health;
    private readonly Candidate _candidate =
        WireTestKit.Candidate(WireTestKit.Backend(BackendKind.OpenAI), "gpt-4o", "http://127.0.0.1:1/v1") with { Cooldown = OneFailure };

    public UpstreamCallTests()
    {
        _health = new EndpointHealth(_time);
    }

    [Fact]
    public async Task Build_StagesAdded_FirstAddedIsOutermost()
    {
        var order = new List<string>();
        var core = new FakeCall((_, _) => { order.Add("core"); return Answer(false); });
        var chain = new UpstreamCallBuilder(core).Use(inner => new Named("first", inner, order)).Use(inner => new Named("second", inner, order)).Build();

        await chain.CallAsync(Try(new DispatchRecord { Operation = "chat" }), new FakeOperation(), CancellationToken.None);

        Assert.Equal(["first", "second", "core"], order);
    }

    [Fact]
    public async Task Chain_FailedTry_RecordedOnceWhenItEndsAndCoolsTheEndpoint()
    {
        var record = new DispatchRecord { Operation = "chat" };
        var chain = Chain((_, _) => new UpstreamFailure { Kind = FailureKind.Status, StatusCode = 503, Message = "busy" });
        var attempt = Try(record);

        var result = await chain.CallAsync(attempt, new FakeOperation(), CancellationToken.None);
        attempt.End(result.Failure);
        attempt.End(result.Failure);

        Assert.Equal(503, result.Failure!.StatusCode);
        Assert.Equal("busy", Assert.Single(record.Attempts).Failure!.Message);
        Assert.False(_health.Admit(_candidate.EndpointId).IsAllowed);
    }

    [Fact]
    public async Task Chain_StreamBrokenAfterItStarted_RecordedWhenItEndsAndReportedToHealthThen()
    {
        var record = new DispatchRecord { Operation = "chat" };
        var chain = Chain((_, _) => Answer(endsLater: true));
        var attempt = Try(record);

        var result = await chain.CallAsync(attempt, new FakeOperation(), CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Empty(record.Attempts);
        Assert.True(_health.Admit(_candidate.EndpointId).IsAllowed);

        attempt.End(new UpstreamFailure { Kind = FailureKind.Protocol, Message = "the stream was cut off" });

        Assert.Equal("the stream was cut off", Assert.Single(record.Attempts).Failure!.Message);
        Assert.False(_health.Admit(_candidate.EndpointId).IsAllowed);
    }

    [Fact]
    public async Task Chain_StreamThatEndsWell_HealthHearsOnlyTheAnswer()
    {
        var record = new DispatchRecord { Operation = "chat" };
        var attempt = Try(record);

        var result = await Chain((_, _) => Answer(endsLater: true)).CallAsync(attempt, new FakeOperation(), CancellationToken.None);
        attempt.End(null);

        Assert.True(result.IsSuccess);
        Assert.Null(Assert.Single(record.Attempts).Failure);
        Assert.Null(_health.Describe(_candidate.EndpointId).LastFailure);
    }

    [Fact]
    public async Task Chain_CoreThrowsIOException_AProtocolFailureNotAnException()
    {
        var result = await Chain((_, _) => throw new IOException("reset")).CallAsync(Try(new DispatchRecord { Operation = "chat" }), new FakeOperation(), CancellationToken.None);

        Assert.Equal(FailureKind.Protocol, result.Failure!.Kind);
        Assert.Contains("cut off", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chain_TryTokenCancelled_ATimeoutNamingWhatTheTryAwaited()
    {
        using var elapsed = new CancellationTokenSource();
        await elapsed.CancelAsync();

        var result = await Chain((_, token) => { token.ThrowIfCancellationRequested(); return Answer(false); })
            .CallAsync(Try(new DispatchRecord { Operation = "chat" }), new FakeOperation(), elapsed.Token);

        Assert.Equal(FailureKind.Timeout, result.Failure!.Kind);
        Assert.StartsWith("no first event within", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chain_ClientLeft_PropagatesAndRecordsNothing()
    {
        using var client = new CancellationTokenSource();
        await client.CancelAsync();
        var record = new DispatchRecord { Operation = "chat" };
        var attempt = new UpstreamTry("chat", _candidate, record, new TryLimit(TimeSpan.FromSeconds(1), null), _time, client.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Chain((_, token) => { token.ThrowIfCancellationRequested(); return Answer(false); }).CallAsync(attempt, new FakeOperation(), client.Token));

        Assert.Empty(record.Attempts);
        Assert.True(_health.Admit(_candidate.EndpointId).IsAllowed);
    }

    [Fact]
    public async Task Chain_UnsupportedRequest_A400NamingTheField()
    {
        var result = await Chain((_, _) => throw new UnsupportedRequestException("audio parts are not supported", "messages[0].content[1]"))
            .CallAsync(Try(new DispatchRecord { Operation = "chat" }), new FakeOperation(), CancellationToken.None);

        Assert.Equal((400, "messages[0].content[1]"), (result.Failure!.StatusCode, result.Failure.Param));
    }

    private IUpstreamCall Chain(Func<UpstreamTry, CancellationToken, Outcome<FakeAnswer>> core) =>
        DispatchServices.Chain(new FakeCall(core), _health, NullLoggerFactory.Instance);

    private static Outcome<FakeAnswer> Answer(bool endsLater) => Outcome<FakeAnswer>.Ok(new FakeAnswer(endsLater));

    private UpstreamTry Try(DispatchRecord record) =>
        new("chat", _candidate, record, new TryLimit(TimeSpan.FromSeconds(1), null), _time, CancellationToken.None);

    private sealed record FakeAnswer(bool EndsLater) : IUpstreamAnswer
    {
        public Usage? Usage => null;

        public string? Model => null;
    }

    private sealed class FakeOperation : IUpstreamOperation<FakeAnswer>
    {
        public string Name => "chat";

        public string? RequestedModel => "gpt-4o";

        public string Awaited => "first event";

        public IBackendProtocol ProtocolOf(Candidate candidate) => throw new NotSupportedException();

        public HttpRequestMessage Build(Candidate candidate) => throw new NotSupportedException();

        public Task<Outcome<FakeAnswer>> ReadAsync(HttpResponseMessage response, UpstreamTry attempt, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    /// <summary>A core whose answer the test decides; the chain's stages only ever see <see cref="FakeAnswer"/>s here.</summary>
    private sealed class FakeCall(Func<UpstreamTry, CancellationToken, Outcome<FakeAnswer>> answer) : IUpstreamCall
    {
        public Task<Outcome<TAnswer>> CallAsync<TAnswer>(UpstreamTry attempt, IUpstreamOperation<TAnswer> operation, CancellationToken cancellationToken)
            where TAnswer : IUpstreamAnswer =>
            Task.FromResult((Outcome<TAnswer>)(object)answer(attempt, cancellationToken));
    }

    private sealed class Named(string name, IUpstreamCall inner, List<string> order) : DelegatingUpstreamCall(inner)
    {
        public override Task<Outcome<TAnswer>> CallAsync<TAnswer>(UpstreamTry attempt, IUpstreamOperation<TAnswer> operation, CancellationToken cancellationToken)
        {
            order.Add(name);
            return base.CallAsync(attempt, operation, cancellationToken);
        }
    }
}
