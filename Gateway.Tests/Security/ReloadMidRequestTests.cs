using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Gateway.Configuration;
using Gateway.Hosting;
using Gateway.Runtime;
using Gateway.Tests.Configuration;
using Gateway.Tests.Harness;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Security;

/// <summary>A reload while a request is already inside the gateway: the request finishes with the config it started with.</summary>
public sealed class ReloadMidRequestTests
{
    private static string Config(string model, string reply) => $$"""
        server:
          rate_limit: { requests_per_minute: 1000 }
        llm:
          mock:
            models: { generator: "{{model}}" }
            reply: "{{reply}}"
        """;

    [Fact]
    public async Task Reload_BetweenTheFirstMiddlewareAndTheEndpoint_TheRequestKeepsItsConfig()
    {
        var before = Config("mock-before", "answered by the config the request started with");
        var after = ConfigFixture.Parse(Config("mock-after", "answered by a config loaded halfway"));
        GatewayRuntime? runtime = null;
        await using var gateway = await TestGateway.For(before).WithServices(services =>
            services.PostConfigure<RateLimiterOptions>(options => options.GlobalLimiter = new ReloadingLimiter(() => runtime!.Apply(after)))).StartAsync();
        runtime = gateway.Services.GetRequiredService<GatewayRuntime>();

        using var response = await gateway.Http.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"generator","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("mock-before", Assert.Single(response.Headers.GetValues("x-gateway-model")));
        Assert.Equal(ConfigVersion.Of(before), Assert.Single(response.Headers.GetValues("x-gateway-config-version")));
        Assert.Equal("answered by the config the request started with", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(after.Version, runtime.Current.Config.Version);
    }

    /// <summary>A limiter (it runs after the key check and the limits, before the endpoint) that puts a new config in force, then grants.</summary>
    private sealed class ReloadingLimiter(Action reload) : PartitionedRateLimiter<HttpContext>
    {
        public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
        {
            reload();
            return Granted.Lease;
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));
    }

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Lease = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
