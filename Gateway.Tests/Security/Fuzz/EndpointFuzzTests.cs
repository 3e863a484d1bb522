using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Harness;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Gateway.Tests.Security.Fuzz;

/// <summary>
/// The whole request pipeline (key check, limits, parsing, routing, translation, upstream call, answer) against thousands of mutated
/// requests on every endpoint: each answer is a 2xx or a 4xx with a readable error, never a 5xx, never a hang; and a good request is
/// still served afterwards.
/// </summary>
public sealed class EndpointFuzzTests(ITestOutputHelper output)
{
    private const int DefaultCases = 6_000;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EveryEndpoint_MutatedRequests_2xxOr4xxNever5xxOrAHang()
    {
        var settings = FuzzSettings.FromEnvironment(DefaultCases);
        await using var backends = await EveryBackend.StartAsync();
        // Thousands of refused attempts are logged as warnings; only errors matter here.
        await using var gateway = await TestGateway.For(backends.Config).InProcess().LogAt(LogLevel.Error).StartAsync();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();

        await Parallel.ForEachAsync(settings.CaseNumbers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (number, _) =>
        {
            var fuzzCase = FuzzCaseGenerator.Next(settings.ForCase(number), EveryBackend.Key);
            var (status, problem) = await SendAsync(gateway.Http, fuzzCase);
            statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
            if (problem is not null)
            {
                failures.Enqueue($"{problem}\n{settings.Replay(number)}\n{fuzzCase}");
            }
        });

        var good = await SendAsync(gateway.Http, new FuzzCase("POST", "/v1/chat/completions", [("Authorization", "Bearer " + EveryBackend.Key)], Encoding.UTF8.GetBytes(FuzzSeeds.Chat[0]), []));
        var goodStream = await SendAsync(gateway.Http, new FuzzCase("POST", "/v1/chat/completions", [("Authorization", "Bearer " + EveryBackend.Key)], Encoding.UTF8.GetBytes(FuzzSeeds.Chat[1]), []));

        output.WriteLine($"seed {settings.Seed}: {settings.Cases} cases; answers by status: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(failures.IsEmpty, $"seed {settings.Seed}: {failures.Count} failing cases; the first of each kind:\n{string.Join("\n\n", failures.DistinctBy(f => f.Split('\n')[0][..Math.Min(60, f.Split('\n')[0].Length)]).Take(5))}\n\nlogged errors:\n{gateway.Logs.All}");
        Assert.Equal((200, null), good);
        Assert.Equal((200, null), goodStream);
        Assert.Contains(statuses.Keys, status => status is 200);
        Assert.Contains(statuses.Keys, status => status is 400);
    }

    /// <summary>The status, and what is wrong with the answer (null when it is a 2xx, or a 4xx with a readable error).</summary>
    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient client, FuzzCase fuzzCase)
    {
        using var request = new HttpRequestMessage(new HttpMethod(fuzzCase.Method), fuzzCase.Path);
        foreach (var (name, value) in fuzzCase.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (fuzzCase.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzzCase.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var timeout = new CancellationTokenSource(CaseTimeout);
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return (status, Judge(fuzzCase, status, response.Content.Headers.ContentType?.MediaType, body));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (0, $"no answer within {CaseTimeout.TotalSeconds} s");
        }
        catch (Exception e)
        {
            return (0, $"the request failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static string? Judge(FuzzCase fuzzCase, int status, string? mediaType, string body)
    {
        if (status is >= 200 and < 300)
        {
            return null;
        }

        if (status is < 400 or > 499)
        {
            return $"answered {status}: {Excerpt(body)}";
        }

        if (fuzzCase.Method == "HEAD")
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var message = mediaType == "application/problem+json"
                ? document.RootElement.GetProperty("detail").GetString()
                : document.RootElement.GetProperty("error").GetProperty("message").GetString();
            return string.IsNullOrWhiteSpace(message) ? $"answered {status} without a message: {Excerpt(body)}" : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"answered {status} without a readable error ({e.Message}): {Excerpt(body)}";
        }
    }

    private static string Excerpt(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
