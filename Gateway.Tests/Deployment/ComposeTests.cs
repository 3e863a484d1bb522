using Gateway.Tests.Deployment.Harness;
using Gateway.Tests.Deployment.Prometheus;
using Gateway.Tests.Deployment.Sandbox;

namespace Gateway.Tests.Deployment;

/// <summary>
/// The compose file's gateway service, started as compose starts it (image built from the Dockerfile, the service's environment and config
/// volume over it): healthy, probed without a key, chatting with the key to the <c>ollama</c> service, and scraped by the prometheus service.
/// </summary>
public sealed class ComposeTests(ComposeFixture fixture) : IClassFixture<ComposeFixture>
{
    /// <summary>Where the prom/prometheus image reads its configuration (its default <c>--config.file</c>).</summary>
    private const string PrometheusConfigPath = "/etc/prometheus/prometheus.yml";

    [NamespaceFact]
    public async Task GatewayService_HealthCheck_Exits0WithinItsTimeout()
    {
        var gateway = (await fixture.Up).Gateway;
        var check = gateway.Container.Spec.HealthCheck!;

        var result = gateway.HealthCheck!;

        Assert.True(result.ExitCode == 0, $"healthcheck {string.Join(' ', check.Command)}: {result}");
        Assert.True(result.Elapsed < check.Timeout, $"healthcheck took {result.Elapsed}, its timeout is {check.Timeout}");
    }

    [NamespaceFact]
    public async Task GatewayService_OrchestratorProbesThroughThePublishedPort_Answer200WithoutAKey()
    {
        var up = await fixture.Up;

        foreach (var probe in DeploymentFiles.OrchestratorProbes())
        {
            var (status, body) = await up.Gateway.GetAsync(probe.Path);
            Assert.True(status == 200, $"{probe.Kind} GET {probe.Path}: {status} {body}");
        }
    }

    [NamespaceFact]
    public async Task GatewayService_ChatWithTheKey_ReachesTheOllamaServiceForAModelTheModelsServicePulls()
    {
        var up = await fixture.Up;
        var ollama = up.Gateway.Ollamas[0];

        var completion = await up.Gateway.ChatAsync(fixture.Key);

        Assert.False(string.IsNullOrEmpty(completion.Content.Single().Text));
        var chat = Assert.Single(ollama.Stub.Requests, request => request.Path == "/api/chat");
        Assert.Contains(chat.JsonString("model"), ComposeUp.PulledModels(up.Project));
    }

    [NamespaceFact]
    public async Task GatewayService_ChatWithoutAKey_Is401()
    {
        var up = await fixture.Up;

        Assert.Equal(401, await up.Gateway.ChatWithoutKeyAsync());
    }

    [NamespaceFact]
    public async Task PrometheusService_ItsScrapeJobs_Get200FromTheGatewaysMetrics()
    {
        var up = await fixture.Up;
        var config = up.Project.ReadFile(ComposeFixture.PrometheusService, PrometheusConfigPath)
            ?? throw new InvalidOperationException($"the prometheus service mounts nothing at {PrometheusConfigPath}");
        var jobs = ScrapeJob.Load(config);
        using var http = up.Gateway.Http(from: up.Project.AddressOf(ComposeFixture.PrometheusService));

        Assert.NotEmpty(jobs);
        foreach (var job in jobs)
        {
            var targets = PrometheusScraper.Targets(job, []);
            Assert.NotEmpty(targets);
            foreach (var target in targets)
            {
                var (status, body) = await PrometheusScraper.ScrapeAsync(http, job, target, path => up.Project.ReadFile(ComposeFixture.PrometheusService, path));
                Assert.True(status == 200, $"job {job.Name} scraping {target}{job.MetricsPath}: {status} {body}");
                Assert.Contains("# TYPE ", body, StringComparison.Ordinal);
            }
        }
    }
}
