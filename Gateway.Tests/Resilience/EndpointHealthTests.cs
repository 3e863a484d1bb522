using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Resilience;

public sealed class EndpointHealthTests
{
    private static readonly EndpointId Key = new("ollama", "http://gpu1:11434");
    private static readonly CooldownSettings Settings = new() { FailuresBeforeCooldown = 3, CooldownSeconds = 30 };

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly EndpointHealth _health;

    public EndpointHealthTests()
    {
        _health = new EndpointHealth(_clock);
    }

    private static UpstreamFailure Status(int status, TimeSpan? retryAfter = null) =>
        new() { Kind = FailureKind.Status, StatusCode = status, Message = $"HTTP {status}", RetryAfter = retryAfter };

    private static UpstreamFailure Refused => new() { Kind = FailureKind.Connect, Message = "connection refused" };

    [Fact]
    public void Admit_UnknownEndpoint_IsOpen()
    {
        Assert.Equal(AdmissionKind.Open, _health.Admit(Key).Kind);
        Assert.Null(_health.CoolingFor(Key));
    }

    [Fact]
    public void Failed_FewerThanTheThreshold_EndpointStaysOpen()
    {
        Assert.Null(_health.Failed(Key, Refused, Settings));
        Assert.Null(_health.Failed(Key, Refused, Settings));

        Assert.Equal(AdmissionKind.Open, _health.Admit(Key).Kind);
    }

    [Fact]
    public void Failed_ThresholdReached_CoolsDownForTheConfiguredTime()
    {
        _health.Failed(Key, Refused, Settings);
        _health.Failed(Key, Refused, Settings);

        Assert.Equal(TimeSpan.FromSeconds(30), _health.Failed(Key, Refused, Settings));
        var admission = _health.Admit(Key);
        Assert.Equal(AdmissionKind.Cooling, admission.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), admission.Left);
    }

    [Fact]
    public void Succeeded_BetweenFailures_CountStartsOver()
    {
        _health.Failed(Key, Refused, Settings);
        _health.Failed(Key, Refused, Settings);
        _health.Succeeded(Key);
        _health.Failed(Key, Refused, Settings);
        _health.Failed(Key, Refused, Settings);

        Assert.Equal(AdmissionKind.Open, _health.Admit(Key).Kind);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(529)]
    public void Failed_RateLimitedOrOverloaded_CoolsDownAtOnce(int status)
    {
        Assert.Equal(TimeSpan.FromSeconds(30), _health.Failed(Key, Status(status), Settings));
        Assert.Equal(AdmissionKind.Cooling, _health.Admit(Key).Kind);
    }

    [Fact]
    public void Failed_RetryAfterLongerThanTheCooldown_IsTheCooldown()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), _health.Failed(Key, Status(429, TimeSpan.FromSeconds(90)), Settings));
    }

    [Fact]
    public void Failed_RetryAfterShorterThanTheCooldown_CooldownStillApplies()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), _health.Failed(Key, Status(429, TimeSpan.FromSeconds(2)), Settings));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    public void Failed_RequestOrKeyProblem_DoesNotCountAgainstTheEndpoint(int status)
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(_health.Failed(Key, Status(status), Settings));
        }

        Assert.Equal(AdmissionKind.Open, _health.Admit(Key).Kind);
    }

    [Fact]
    public void Admit_CooldownOver_LetsExactlyOneProbeThrough()
    {
        _health.Failed(Key, Status(429), Settings);
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(AdmissionKind.Probe, _health.Admit(Key).Kind);
        Assert.Equal(AdmissionKind.Cooling, _health.Admit(Key).Kind);
    }

    [Fact]
    public void Succeeded_ByTheProbe_ClosesTheBreaker()
    {
        _health.Failed(Key, Status(429), Settings);
        _clock.Advance(TimeSpan.FromSeconds(31));
        _health.Admit(Key);

        _health.Succeeded(Key);

        Assert.Equal(AdmissionKind.Open, _health.Admit(Key).Kind);
        Assert.Equal(AdmissionKind.Open, _health.Admit(Key).Kind);
    }

    [Fact]
    public void Failed_ByTheProbe_CoolsDownAgainAtOnce()
    {
        _health.Failed(Key, Status(429), Settings);
        _clock.Advance(TimeSpan.FromSeconds(31));
        _health.Admit(Key);

        Assert.Equal(TimeSpan.FromSeconds(30), _health.Failed(Key, Refused, Settings));
        Assert.Equal(AdmissionKind.Cooling, _health.Admit(Key).Kind);
    }

    [Fact]
    public void Abandoned_ProbeWithoutVerdict_NextRequestMayProbe()
    {
        _health.Failed(Key, Status(429), Settings);
        _clock.Advance(TimeSpan.FromSeconds(31));
        _health.Admit(Key);

        _health.Abandoned(Key);

        Assert.Equal(AdmissionKind.Probe, _health.Admit(Key).Kind);
    }

    [Fact]
    public void Failed_OneEndpoint_OthersOfTheSameBackendStayOpen()
    {
        _health.Failed(Key, Status(429), Settings);

        Assert.Equal(AdmissionKind.Open, _health.Admit(new EndpointId("ollama", "http://gpu2:11434")).Kind);
    }

    [Fact]
    public void Failed_OneAzureDeployment_OtherDeploymentsOfTheResourceStayOpen()
    {
        _health.Failed(new EndpointId("azure", "https://r.openai.azure.com", "gpt-4"), Status(429), Settings);

        Assert.Equal(AdmissionKind.Cooling, _health.Admit(new EndpointId("azure", "https://r.openai.azure.com", "gpt-4")).Kind);
        Assert.Equal(AdmissionKind.Open, _health.Admit(new EndpointId("azure", "https://r.openai.azure.com", "gpt-35")).Kind);
    }

    [Fact]
    public void Failed_SettingsOfTheFailingRequest_DecideTheThreshold()
    {
        var strict = new CooldownSettings { FailuresBeforeCooldown = 1, CooldownSeconds = 5 };

        Assert.Null(_health.Failed(Key, Refused, Settings));
        Assert.Equal(TimeSpan.FromSeconds(5), _health.Failed(Key, Refused, strict));
    }

    [Fact]
    public void Retain_EndpointLeftTheConfig_ItsStateIsDropped_OthersKept()
    {
        var kept = new EndpointId("ollama", "http://gpu2:11434");
        _health.Failed(Key, Status(429), Settings);
        _health.Failed(kept, Status(429), Settings);
        var config = Gateway.Tests.Configuration.ConfigFixture.Parse("llm:\n  ollama:\n    base_url: \"http://gpu2:11434/\"\n");

        _health.Retain(config);

        Assert.Equal(1, _health.Count);
        Assert.Equal(AdmissionKind.Open, _health.Admit(Key).Kind);
        Assert.Equal(AdmissionKind.Cooling, _health.Admit(kept).Kind);
    }
}
