using Gateway.Backends;
using Gateway.Configuration;
using Gateway.Resilience;
using Gateway.Routing;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Resilience;

/// <summary>Round-robin runs over the endpoints that are not cooling down; cooling ones go last, the soonest back first.</summary>
public sealed class EndpointPoolsCooldownTests
{
    private static readonly PoolEndpoint[] Three = [new("http://a"), new("http://b"), new("http://c")];

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly EndpointHealth _health;
    private readonly EndpointPools _pools;

    public EndpointPoolsCooldownTests()
    {
        _health = new EndpointHealth(_clock);
        _pools = new EndpointPools(_health);
    }

    private void CoolDown(string url, int retryAfterSeconds) =>
        _health.Failed(new EndpointId("ollama", url), new UpstreamFailure
        {
            Kind = FailureKind.Status,
            StatusCode = 429,
            Message = "slow down",
            RetryAfter = TimeSpan.FromSeconds(retryAfterSeconds),
        }, CooldownSettings.Default);

    [Fact]
    public void Order_OneMemberCooling_RotationSkipsItAndPutsItLast()
    {
        CoolDown("http://b", 60);

        var firsts = Enumerable.Range(0, 4).Select(_ => _pools.Order("ollama:generator", Three, "ollama")).ToList();

        Assert.All(firsts, order => Assert.Equal("http://b", order[^1].Url));
        Assert.Equal(["http://a", "http://c", "http://a", "http://c"], firsts.Select(order => order[0].Url));
    }

    [Fact]
    public void Order_SeveralCooling_SoonestBackComesFirstAmongThem()
    {
        CoolDown("http://a", 90);
        CoolDown("http://b", 45);

        var order = _pools.Order("ollama:generator", Three, "ollama");

        Assert.Equal(["http://c", "http://b", "http://a"], order.Select(member => member.Url));
    }

    [Fact]
    public void Order_CooldownOver_MemberRejoinsTheRotation()
    {
        CoolDown("http://b", 60);
        _clock.Advance(TimeSpan.FromSeconds(61));

        var firsts = Enumerable.Range(0, 3).Select(_ => _pools.Order("ollama:generator", Three, "ollama")[0].Url).ToList();

        Assert.Equal(["http://a", "http://b", "http://c"], firsts);
    }

    [Fact]
    public void Order_WithoutBackendName_PlainRoundRobin()
    {
        CoolDown("http://a", 60);

        Assert.Equal("http://a", _pools.Order("ollama:generator", Three)[0].Url);
    }
}
