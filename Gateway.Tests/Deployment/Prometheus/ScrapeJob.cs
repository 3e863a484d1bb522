using YamlDotNet.RepresentationModel;

namespace Gateway.Tests.Deployment.Prometheus;

/// <summary>A <c>scrape_configs</c> entry with Prometheus' defaults: where to scrape, how to authenticate, which targets.</summary>
internal sealed record ScrapeJob
{
    private static readonly string[] Modelled =
        ["job_name", "metrics_path", "scheme", "authorization", "static_configs", "kubernetes_sd_configs", "relabel_configs", "scrape_interval", "scrape_timeout"];

    public required string Name { get; init; }

    public string MetricsPath { get; init; } = "/metrics";

    public string Scheme { get; init; } = "http";

    /// <summary><c>authorization.type</c> (Bearer unless set), when the job has an <c>authorization</c> block.</summary>
    public string? AuthorizationType { get; init; }

    public string? Credentials { get; init; }

    public string? CredentialsFile { get; init; }

    public IReadOnlyList<string> StaticTargets { get; init; } = [];

    /// <summary>True for <c>kubernetes_sd_configs</c> with <c>role: pod</c>: a target per container port of each pod.</summary>
    public bool DiscoversPods { get; init; }

    public IReadOnlyList<RelabelRule> Relabel { get; init; } = [];

    public static IReadOnlyList<ScrapeJob> Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. ((YamlMappingNode)stream.Documents[0].RootNode).List("scrape_configs").Select(Parse)];
    }

    private static ScrapeJob Parse(YamlNode job)
    {
        var unmodelled = job.Pairs().Select(p => p.Key).Except(Modelled).ToList();
        if (unmodelled.Count > 0)
        {
            throw new NotSupportedException($"scrape job {job.TextOrNull("job_name")}: {string.Join(", ", unmodelled)} not modelled by these tests");
        }

        var authorization = job.Get("authorization");
        var discovery = job.Get("kubernetes_sd_configs") as YamlSequenceNode;
        return new ScrapeJob
        {
            Name = job.Text("job_name"),
            MetricsPath = job.TextOrNull("metrics_path") ?? "/metrics",
            Scheme = job.TextOrNull("scheme") ?? "http",
            AuthorizationType = authorization is null ? null : authorization.TextOrNull("type") ?? "Bearer",
            Credentials = authorization?.TextOrNull("credentials"),
            CredentialsFile = authorization?.TextOrNull("credentials_file"),
            StaticTargets = job.Get("static_configs") is YamlSequenceNode statics
                ? [.. statics.Children.SelectMany(s => s.Get("targets") is YamlSequenceNode t ? t.Children.Select(c => c.ToString()) : [])]
                : [],
            DiscoversPods = discovery?.Children.Any(d => d.TextOrNull("role") == "pod") ?? false,
            Relabel = job.Get("relabel_configs") is YamlSequenceNode rules ? [.. rules.Children.Select(RelabelRule.Parse)] : [],
        };
    }
}
