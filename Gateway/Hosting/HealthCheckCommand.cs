using Gateway.Dispatch;

namespace Gateway.Hosting;

/// <summary>
/// <c>Gateway --health-check [url]</c>: asks a running gateway's <c>/health</c> and exits 0 when it answers 2xx, 1 otherwise. Container
/// images without curl or wget use it as their <c>HEALTHCHECK</c>. The URL defaults to <c>/health</c> on the first address of
/// <c>ASPNETCORE_URLS</c> (a wildcard host read as 127.0.0.1), else <c>http://127.0.0.1:8080/health</c>.
/// </summary>
internal static class HealthCheckCommand
{
    public const string Flag = "--health-check";
    public const string DefaultUrl = "http://127.0.0.1:8080/health";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly string[] WildcardHosts = ["*", "+", "0.0.0.0", "[::]"];

    /// <summary>Asks <paramref name="url"/>; 0 for a 2xx answer, else 1 with the reason written to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string url, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync($"unhealthy: '{url}' is not an absolute http(s) URL");
            return 1;
        }

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await error.WriteLineAsync($"unhealthy: {uri} answered HTTP {(int)response.StatusCode}");
            return 1;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"unhealthy: {uri} is unreachable ({UpstreamClient.Describe(e)})");
            return 1;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"unhealthy: {uri} did not answer within {Timeout.TotalSeconds:0} s");
            return 1;
        }
    }

    /// <summary><c>/health</c> on the first of <paramref name="urls"/> (the <c>ASPNETCORE_URLS</c> list), or the default.</summary>
    internal static string UrlFrom(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (string.IsNullOrEmpty(first))
        {
            return DefaultUrl;
        }

        foreach (var wildcard in WildcardHosts)
        {
            first = first.Replace($"://{wildcard}:", "://127.0.0.1:", StringComparison.Ordinal);
        }

        return Uri.TryCreate(first, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/health" : DefaultUrl;
    }
}
