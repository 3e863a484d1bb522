using System.Diagnostics;
using System.Text.RegularExpressions;
using Gateway.Tests.Harness;

namespace Gateway.Tests.Resilience;

/// <summary>
/// The fault-injection suite: the primary upstream refuses, hangs, drips, answers 429 in each <c>Retry-After</c> form, 5xx, 529,
/// HTML or truncated JSON, or cuts the connection; every case runs streamed and not (four test classes, so they run side by side).
/// With a fallback configured the client gets the fallback's answer as if nothing happened (a stream included: nothing was sent before
/// the first event); the attempts header counts the primary's tries (one retry for transient faults) plus the fallback's one. With the
/// fallback opted out the client gets one error whose status says what went wrong and whose message lists every attempt.
/// </summary>
internal static partial class FaultInjection
{
    /// <summary>
    /// Generous, as the machine may be loaded: the budget of a timing-out primary is 2 tries of 0.2 s and a retry wait, and a broken
    /// timeout would hang for the client's 30 s.
    /// </summary>
    private static readonly TimeSpan WithinBudget = TimeSpan.FromSeconds(10);

    public static async Task FallbackAnswersAsync(string name, bool stream)
    {
        var fault = Fault.All[name];
        await using var upstreams = await PrimaryWithFallback.StartAsync(listening: fault.Script is not null);
        await using var gateway = await TestGateway.StartAsync(upstreams.Config(primarySettings: fault.PrimarySettings));
        fault.Arrange(upstreams.Primary, stream);

        var clock = Stopwatch.StartNew();
        var answer = await gateway.ChatAsync(stream);

        Assert.True(answer.Status == 200, answer.Body);
        Assert.True(clock.Elapsed < WithinBudget, $"took {clock.Elapsed}");
        Assert.True(answer.Backend == "ollama", answer.Body);
        Assert.Equal(PrimaryWithFallback.FallbackModel, answer.Header("x-gateway-model"));
        Assert.Equal(fault.TriesFor(stream) + 1, answer.Attempts);
        Assert.Equal(fault.TriesFor(stream), upstreams.Primary?.RequestCount ?? fault.TriesFor(stream));
        Assert.Equal(0, upstreams.Primary?.PendingResponses ?? 0);
        Assert.Single(upstreams.Fallback.Requests);
        if (stream)
        {
            Assert.Equal("text/event-stream", answer.MediaType);
            Assert.DoesNotContain("\"error\"", answer.Body, StringComparison.Ordinal);
            Assert.EndsWith("data: [DONE]\n\n", answer.Body, StringComparison.Ordinal);
            Assert.NotEmpty(answer.StreamedText());
        }
        else
        {
            Assert.Contains("Hello! How are you today?", answer.Body, StringComparison.Ordinal);
        }
    }

    public static async Task OneErrorListsEveryAttemptAsync(string name, bool stream)
    {
        var fault = Fault.All[name];
        await using var upstreams = await PrimaryWithFallback.StartAsync(listening: fault.Script is not null);
        await using var gateway = await TestGateway.StartAsync(upstreams.Config(primarySettings: fault.PrimarySettings));
        fault.Arrange(upstreams.Primary, stream);

        var clock = Stopwatch.StartNew();
        var answer = await gateway.ChatAsync(stream, ("x-gateway-fallback", "none"));

        Assert.True(answer.Status == fault.FinalStatusFor(stream), answer.Body);
        Assert.True(clock.Elapsed < WithinBudget, $"took {clock.Elapsed}");
        Assert.Equal("application/json", answer.MediaType);
        Assert.Equal("openai", answer.Backend);
        Assert.Equal(fault.TriesFor(stream), answer.Attempts);
        Assert.Empty(upstreams.Fallback.Requests);

        var lines = AttemptLine().Matches(answer.ErrorMessage);
        Assert.Equal(fault.TriesFor(stream), lines.Count);
        foreach (Match line in lines)
        {
            Assert.StartsWith($"openai {upstreams.PrimaryUrl} ({PrimaryWithFallback.PrimaryModel}): ", line.Value, StringComparison.Ordinal);
            Assert.True(line.Value.Contains(fault.OutcomeFor(stream), StringComparison.Ordinal), line.Value);
            Assert.True(int.Parse(line.Groups["ms"].Value, System.Globalization.CultureInfo.InvariantCulture) < WithinBudget.TotalMilliseconds, line.Value);
        }

        Assert.Contains("fallback backends not tried", answer.ErrorMessage, StringComparison.Ordinal);
        if (answer.Status == 503)
        {
            Assert.NotNull(answer.Header("Retry-After"));
        }
    }

    [GeneratedRegex(@"openai \S+ \([^)]+\): .*? after (?<ms>\d+) ms")]
    private static partial Regex AttemptLine();
}
