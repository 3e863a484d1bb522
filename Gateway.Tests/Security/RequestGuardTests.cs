using Gateway.Configuration;
using Gateway.Exchange;
using Gateway.Hosting;
using Gateway.Routing;
using Gateway.Runtime;
using Gateway.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Security;

/// <summary>What the guard sets on each request from the config in force, before anything reads the body.</summary>
public sealed class RequestGuardTests
{
    [Fact]
    public async Task Invoke_ConfiguredLimits_AppliedToTheRequestsServerFeatures()
    {
        var runtime = Runtime("server:\n  max_request_bytes: 5000\n  min_request_body_rate: 1000\n  request_body_grace_seconds: 3\n  max_json_depth: 9\n  max_messages: 7\n");
        var (context, size, rate) = Context(runtime);
        var reached = false;

        await new RequestGuardMiddleware(_ => { reached = true; return Task.CompletedTask; }).InvokeAsync(context);

        Assert.True(reached);
        Assert.Equal(5000, size.MaxRequestBodySize);
        Assert.Equal(1000, rate.MinDataRate!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(3), rate.MinDataRate.GracePeriod);
        Assert.Equal(new RequestLimits(5000, 9, 7), RequestLimits.For(context));
        Assert.Equal(runtime.Current.Config.Version, context.Response.Headers["x-gateway-config-version"].ToString());
    }

    [Fact]
    public async Task Invoke_NoServerSection_KestrelDefaultRateAndTenMegabytes()
    {
        var (context, size, rate) = Context(Runtime(""));

        await new RequestGuardMiddleware(_ => Task.CompletedTask).InvokeAsync(context);

        Assert.Equal(10 * 1024 * 1024, size.MaxRequestBodySize);
        Assert.Equal(240, rate.MinDataRate!.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(5), rate.MinDataRate.GracePeriod);
    }

    [Fact]
    public async Task Invoke_AfterAReload_TheNewLimits()
    {
        var runtime = Runtime("server:\n  max_request_bytes: 5000\n");
        var guard = new RequestGuardMiddleware(_ => Task.CompletedTask);
        await guard.InvokeAsync(Context(runtime).Context);

        runtime.Apply(Parse("llm:\n  ollama: {}\nserver:\n  max_request_bytes: 6000\n"));
        var (context, size, _) = Context(runtime);
        await guard.InvokeAsync(context);

        Assert.Equal(6000, size.MaxRequestBodySize);
    }

    [Fact]
    public async Task Invoke_DeclaredLengthOverTheLimit_413WithoutCallingNext()
    {
        var (context, _, _) = Context(Runtime("server:\n  max_request_bytes: 5000\n"));
        context.Request.ContentLength = 5001;
        context.Request.Path = "/v1/chat/completions";
        var reached = false;

        await new RequestGuardMiddleware(_ => { reached = true; return Task.CompletedTask; }).InvokeAsync(context);

        Assert.False(reached);
        Assert.Equal(413, context.Response.StatusCode);
    }

    private static GatewayRuntime Runtime(string server) =>
        new(Parse("llm:\n  ollama: {}\n" + server), new EndpointPools(), TimeProvider.System);

    /// <summary>A request as the first middleware leaves it: with the snapshot of <paramref name="runtime"/> in force.</summary>
    private static (DefaultHttpContext Context, SizeFeature Size, RateFeature Rate) Context(GatewayRuntime runtime)
    {
        var context = new DefaultHttpContext();
        context.Features.Set(runtime.Current);
        context.Response.Body = new MemoryStream();
        var size = new SizeFeature();
        var rate = new RateFeature();
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(size);
        context.Features.Set<IHttpMinRequestBodyDataRateFeature>(rate);
        return (context, size, rate);
    }

    private sealed class SizeFeature : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;

        public long? MaxRequestBodySize { get; set; }
    }

    private sealed class RateFeature : IHttpMinRequestBodyDataRateFeature
    {
        public MinDataRate? MinDataRate { get; set; }
    }
}
