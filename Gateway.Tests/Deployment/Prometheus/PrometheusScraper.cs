namespace Gateway.Tests.Deployment.Prometheus;

/// <summary>A scrape as Prometheus makes it: relabelled targets, then <c>GET</c> of the job's path with the job's credentials and Accept header.</summary>
internal static class PrometheusScraper
{
    private const string Accept =
        "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,"
        + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

    /// <summary>The <c>__address__</c> of each discovered target the job's relabelling keeps (static targets are discovered as they are).</summary>
    public static List<string> Targets(ScrapeJob job, IEnumerable<Dictionary<string, string>> discovered)
    {
        var candidates = job.DiscoversPods
            ? discovered
            : job.StaticTargets.Select(target => new Dictionary<string, string>(StringComparer.Ordinal) { ["__address__"] = target });
        var kept = new List<string>();
        foreach (var target in candidates)
        {
            var labels = (Dictionary<string, string>?)new Dictionary<string, string>(target, StringComparer.Ordinal);
            foreach (var rule in job.Relabel)
            {
                labels = labels is null ? null : rule.Apply(labels);
            }

            if (labels is not null)
            {
                kept.Add(labels["__address__"]);
            }
        }

        return kept;
    }

    /// <summary>
    /// Scrapes <paramref name="target"/>; a <c>credentials_file</c> is read from the Prometheus container's files
    /// (<paramref name="readFile"/>) and trimmed, as Prometheus reads it.
    /// </summary>
    public static async Task<(int Status, string Body)> ScrapeAsync(HttpClient http, ScrapeJob job, string target, Func<string, string?> readFile)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{job.Scheme}://{target}{job.MetricsPath}");
        request.Headers.TryAddWithoutValidation("Accept", Accept);
        request.Headers.TryAddWithoutValidation("User-Agent", "Prometheus/3.5.0");
        request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", "10");
        if (job.AuthorizationType is { } type)
        {
            var credentials = job.Credentials ?? (job.CredentialsFile is { } file
                ? readFile(file)?.Trim() ?? throw new FileNotFoundException($"scrape job {job.Name}: Prometheus has no file {file}")
                : "");
            request.Headers.TryAddWithoutValidation("Authorization", $"{type} {credentials}");
        }

        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
