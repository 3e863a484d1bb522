using Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Hosting;

/// <summary>A branch built by the first request that takes it: never before, and once however many arrive together.</summary>
public sealed class OnDemandBranchTests
{
    [Fact]
    public async Task RequestsThatSkipTheBranch_NeverBuildIt()
    {
        var builds = 0;
        var app = Pipeline(_ => false, () => Interlocked.Increment(ref builds), out var served);

        for (var i = 0; i < 3; i++)
        {
            await app(new DefaultHttpContext());
        }

        Assert.Equal(0, builds);
        Assert.Equal(3, served.Count);
        Assert.All(served, path => Assert.Equal("main", path));
    }

    [Fact]
    public async Task ConcurrentFirstRequests_BranchBuiltOnceAndEachRunsItThenTheRest()
    {
        var builds = 0;
        var app = Pipeline(_ => true, () => Interlocked.Increment(ref builds), out var served);
        using var start = new ManualResetEventSlim();

        var requests = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return app(new DefaultHttpContext());
        })).ToArray();
        start.Set();
        await Task.WhenAll(requests);

        Assert.Equal(1, builds);
        Assert.Equal(16, served.Count);
        Assert.All(served, path => Assert.Equal("branch>main", path));
    }

    /// <summary>A pipeline: the on-demand branch marks the request, then the main line records the path it took.</summary>
    private static RequestDelegate Pipeline(Func<HttpContext, bool> predicate, Action built, out System.Collections.Concurrent.ConcurrentBag<string> served)
    {
        var paths = new System.Collections.Concurrent.ConcurrentBag<string>();
        var app = new ApplicationBuilder(new ServiceCollection().BuildServiceProvider());
        app.UseWhenOnDemand(predicate, branch =>
        {
            built();
            Thread.Sleep(50); // a slow build, so the first requests really do arrive while it is under way
            branch.Use(next => context =>
            {
                context.Items["path"] = "branch>";
                return next(context);
            });
        });
        app.Run(context =>
        {
            paths.Add($"{context.Items["path"]}main");
            return Task.CompletedTask;
        });
        served = paths;
        return app.Build();
    }
}
