using Gateway.Backends;
using Gateway.Hosting;
using Gateway.Resilience;
using Gateway.Routing;
using Gateway.Runtime;
using Microsoft.Extensions.Time.Testing;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Resilience;

/// <summary>Live state across a reload: kept for the endpoints the new config still names, dropped for the others; settings follow the config.</summary>
public sealed class LiveStateReloadTests
{
    private const string TwoEndpoints = """
        llm:
          resilience: { failures_before_cooldown: 3, cooldown_seconds: 30 }
          ollama:
            models: { generator: llama3 }
            endpoints: { generator: ["http://gpu1:11434", "http://gpu2:11434"] }
        """;

    private static readonly UpstreamFailure Refused = new() { Kind = FailureKind.Connect, Message = "connection refused" };

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly EndpointHealth _health;
    private readonly GatewayRuntime _runtime;

    public LiveStateReloadTests()
    {
        _health = new EndpointHealth(_clock);
        _runtime = new GatewayRuntime(Parse(TwoEndpoints), new EndpointPools(_health), _clock);
    }

    [Fact]
    public void Apply_EndpointLeavesTheConfig_ItsCooldownIsDroppedAndTheOtherKept()
    {
        CoolDown(new EndpointId("ollama", "http://gpu1:11434"));
        CoolDown(new EndpointId("ollama", "http://gpu2:11434"));

        _runtime.Apply(Parse(TwoEndpoints.Replace(", \"http://gpu2:11434\"", "", StringComparison.Ordinal)));

        Assert.Equal(1, _health.Count);
        Assert.NotNull(_health.CoolingFor(new EndpointId("ollama", "http://gpu1:11434")));
        Assert.Null(_health.CoolingFor(new EndpointId("ollama", "http://gpu2:11434")));
    }

    [Fact]
    public void Apply_NewCooldownSettings_CarriedByTheNextRequestsCandidates()
    {
        var before = FirstCandidate();

        _runtime.Apply(Parse(TwoEndpoints.Replace("failures_before_cooldown: 3", "failures_before_cooldown: 1", StringComparison.Ordinal)));
        var after = FirstCandidate();

        Assert.Equal(3, before.Cooldown.FailuresBeforeCooldown);
        Assert.Equal(1, after.Cooldown.FailuresBeforeCooldown);
        Assert.NotNull(_health.Failed(after.EndpointId, Refused, after.Cooldown));
    }

    [Fact]
    public void Apply_SameEndpoints_RoundRobinContinuesWhereItWas()
    {
        var first = FirstCandidate().Endpoint;

        _runtime.Apply(Parse(TwoEndpoints + "\n    context_windows: { llama3: 8192 }\n"));
        var second = FirstCandidate().Endpoint;

        Assert.NotEqual(first, second);
    }

    private Candidate FirstCandidate() => _runtime.Current.Resolver.ResolveChat("generator", null).Plan!.Candidates[0];

    private void CoolDown(EndpointId endpoint)
    {
        for (var i = 0; i < 3; i++)
        {
            _health.Failed(endpoint, Refused, FirstCandidate().Cooldown);
        }
    }
}
