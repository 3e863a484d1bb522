using Gateway.Routing;

namespace Gateway.Tests.Routing;

public sealed class EndpointPoolsTests
{
    private static readonly PoolEndpoint[] Three = [new("http://a"), new("http://b"), new("http://c")];

    [Fact]
    public void NextStart_SuccessiveCalls_CycleThroughTheCount()
    {
        var pools = new EndpointPools();

        int[] starts = [.. Enumerable.Range(0, 7).Select(_ => pools.NextStart("ollama:overseer", 3))];

        Assert.Equal([0, 1, 2, 0, 1, 2, 0], starts);
    }

    [Fact]
    public void NextStart_DifferentPoolKeys_CountSeparately()
    {
        var pools = new EndpointPools();
        pools.NextStart("ollama:overseer", 2);
        pools.NextStart("ollama:overseer", 2);

        Assert.Equal(0, pools.NextStart("ollama:generator", 2));
        Assert.Equal(2, pools.NextStart("ollama:overseer", 3));
    }

    [Fact]
    public void NextStart_ZeroCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EndpointPools().NextStart("ollama:overseer", 0));
    }

    [Fact]
    public void Order_SuccessiveRequests_StartOneFurtherAndKeepRotationOrder()
    {
        var pools = new EndpointPools();

        string[][] orders = [.. Enumerable.Range(0, 4).Select(_ => pools.Order("p", Three).Select(e => e.Url).ToArray())];

        Assert.Equal(["http://a", "http://b", "http://c"], orders[0]);
        Assert.Equal(["http://b", "http://c", "http://a"], orders[1]);
        Assert.Equal(["http://c", "http://a", "http://b"], orders[2]);
        Assert.Equal(["http://a", "http://b", "http://c"], orders[3]);
    }

    [Fact]
    public void Order_SingleMember_ReturnsItWithoutAdvancingAnything()
    {
        var pools = new EndpointPools();
        PoolEndpoint[] one = [new("http://a")];

        Assert.Same(one, pools.Order("p", one));
        Assert.Equal(0, pools.NextStart("p", 3));
    }

    [Fact]
    public void NextStart_ConcurrentRequests_SpreadEvenlyOverTheMembers()
    {
        var pools = new EndpointPools();
        var hits = new int[3];

        Parallel.For(0, 3000, _ => Interlocked.Increment(ref hits[pools.NextStart("p", 3)]));

        Assert.Equal([1000, 1000, 1000], hits);
    }

    [Fact]
    public void ToString_AzureMemberWithKey_LeavesTheKeyOut()
    {
        var member = new PoolEndpoint("https://eu.openai.azure.com", "gpt-4-eu", "gpt-4", "secret-eu-key");

        Assert.Equal("https://eu.openai.azure.com#gpt-4-eu", member.ToString());
    }
}
