using System.Globalization;
using Gateway.Tests.Api;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Resilience;

/// <summary>
/// The ways the primary upstream misbehaves in the fault-injection suite, each with what the gateway must make of it: how many tries
/// the primary gets (1 + one retry for transient faults, 1 for the rest) and the status of the final error when nothing else is tried.
/// </summary>
internal sealed record Fault(string Name, Func<bool, StubResponse>? Script, int Tries, int FinalStatus, string Outcome, string? StreamOutcome = null)
{
    /// <summary>Every fault, by name, for theory data.</summary>
    public static readonly IReadOnlyDictionary<string, Fault> All = new Fault[]
    {
        new("refused", null, 2, 503, "connection refused"),
        new("closed", _ => StubResponse.Refuse(), 2, 503, "closed the connection"),
        new("reset", _ => StubResponse.Reset(), 2, 503, "connection reset"),
        new("hang", _ => StubResponse.Hang(), 2, 504, "within 0.2 s"),
        new("slow", stream => StubResponse.Delay(TimeSpan.FromSeconds(10), stream ? StubResponse.Sse(OpenAiPayloads.TextStream) : StubResponse.Json(200, OpenAiPayloads.ChatCompletion)), 2, 504, "within 0.2 s"),
        new("429-seconds", _ => RateLimited(("Retry-After", "30")), 1, 429, "HTTP 429"),
        new("429-http-date", _ => RateLimited(("Retry-After", DateTimeOffset.UtcNow.AddSeconds(60).ToString("R", CultureInfo.InvariantCulture))), 1, 429, "HTTP 429"),
        new("429-retry-after-ms", _ => RateLimited(("retry-after-ms", "50")), 2, 429, "HTTP 429"),
        new("429-x-ms-retry-after-ms", _ => RateLimited(("x-ms-retry-after-ms", "50")), 2, 429, "HTTP 429"),
        new("500", _ => StubResponse.Json(500, OpenAiPayloads.ServerError), 2, 502, "HTTP 500"),
        new("503", _ => StubResponse.Json(503, """{"error":{"message":"The engine is currently overloaded, please try again later","type":"server_error","param":null,"code":null}}"""), 2, 503, "HTTP 503"),
        new("529", _ => StubResponse.Json(529, """{"error":{"message":"Overloaded","type":"overloaded_error","param":null,"code":null}}"""), 2, 503, "HTTP 529"),
        new("html", _ => StubResponse.Text(200, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"), 1, 502, "openai"),
        new("truncated-json", stream => stream
            ? StubResponse.Sse(["data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choi\n\n"])
            : StubResponse.Json(200, """{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"mess"""), 1, 502, "openai"),
        new("drip-then-stall", stream => stream
            ? StubResponse.Hang()
            : StubResponse.Custom(DripThenStallAsync), 2, 504, "within 0.2 s"),
        new("cut-mid-body", stream => stream
            ? StubResponse.Reset()
            : StubResponse.Custom(CutMidBodyAsync), 1, 502, "cut off", "connection reset"),
    }.ToDictionary(fault => fault.Name);

    public static TheoryData<string> Names() => [.. All.Keys];

    public override string ToString() => Name;

    /// <summary>Scripts the primary for every try this fault should get.</summary>
    public void Arrange(StubUpstream? primary, bool stream)
    {
        if (Script is null || primary is null)
        {
            return;
        }

        for (var i = 0; i < TriesFor(stream); i++)
        {
            primary.Enqueue(Script(stream));
        }
    }

    /// <summary>Streams commit at the first event, so a cut before it is a reset (retried) rather than a cut answer.</summary>
    public int TriesFor(bool stream) => stream && Name == "cut-mid-body" ? 2 : Tries;

    /// <summary>The primary's own settings: faults that only a timeout ends get 0.2 s, so the suite stays fast.</summary>
    public string PrimarySettings => Outcome.StartsWith("within", StringComparison.Ordinal)
        ? "timeout_seconds: 0.2\nstream_idle_timeout_seconds: 0.2"
        : "";

    public string OutcomeFor(bool stream) => stream ? StreamOutcome ?? Outcome : Outcome;

    public int FinalStatusFor(bool stream) => stream && Name == "cut-mid-body" ? 503 : FinalStatus;

    private static StubResponse RateLimited(params (string Name, string Value)[] headers) => StubResponse.Json(429, OpenAiPayloads.RateLimitError, headers);

    private static async Task DripThenStallAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync("""{"id":"chatcmpl-1","object":"chat.completion",""", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        await Task.Delay(Timeout.InfiniteTimeSpan, http.RequestAborted);
    }

    private static async Task CutMidBodyAsync(HttpContext http)
    {
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = OpenAiPayloads.ChatCompletion.Length;
        await http.Response.WriteAsync(OpenAiPayloads.ChatCompletion[..40], http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);

        // Failing after the response started makes the server drop the connection once what was flushed has gone out.
        throw new StubConnectionCutException();
    }
}
