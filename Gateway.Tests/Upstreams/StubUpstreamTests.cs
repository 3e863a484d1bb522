using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Upstreams;

/// <summary>The stub's own mechanics: listening, scripting, pacing, dropping connections and recording.</summary>
public sealed partial class StubUpstreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(nameof(UpstreamKind.OpenAI))]
    [InlineData(nameof(UpstreamKind.Azure))]
    [InlineData(nameof(UpstreamKind.Anthropic))]
    [InlineData(nameof(UpstreamKind.Ollama))]
    [InlineData(nameof(UpstreamKind.LMStudio))]
    public async Task StartAsync_AnyKind_ListensOnLoopbackWithAnOsChosenPort(string kind)
    {
        await using var stub = await StubUpstream.StartAsync(Enum.Parse<UpstreamKind>(kind));

        var url = new Uri(stub.Url);
        Assert.Equal("http", url.Scheme);
        Assert.Equal("127.0.0.1", url.Host);
        Assert.NotEqual(0, url.Port);
        Assert.False(stub.Url.EndsWith('/'), stub.Url);
    }

    [Fact]
    public async Task Enqueue_TwoResponses_AnswersInOrderThenFallsBackToTheDefault()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        stub.Enqueue(StubResponse.Json(503, """{"first":true}"""));
        stub.Enqueue(StubResponse.Json(429, """{"second":true}""", ("retry-after", "7")));

        using var first = await UpstreamClient.GetAsync(stub.Url + "/v1/models");
        using var second = await UpstreamClient.GetAsync(stub.Url + "/v1/models");
        using var third = await UpstreamClient.GetAsync(stub.Url + "/v1/models");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("""{"first":true}""", await first.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.Equal("7", second.Headers.GetValues("retry-after").Single());
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(OpenAiPayloads.ModelList, await third.Content.ReadAsStringAsync());
        Assert.Equal(0, stub.PendingResponses);
    }

    [Fact]
    public async Task Requests_PostWithQueryHeadersAndBody_RecordsThemAll()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        stub.Enqueue(StubResponse.Json(200, "{}"));

        using var _ = await UpstreamClient.SendAsync(
            HttpMethod.Post, stub.Url + "/v1/chat/completions?trace=on", """{"model":"gpt-4o","stream":true}""", [("X-Trace-Id", "abc")]);

        var request = Assert.Single(stub.Requests);
        Assert.Equal(1, request.Number);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("?trace=on", request.QueryString);
        Assert.Equal("on", request.Query("trace"));
        Assert.Equal("abc", request.Header("x-trace-id"));
        Assert.Equal("abc", request.Headers["X-TRACE-ID"]);
        Assert.StartsWith("application/json", request.Header("content-type"), StringComparison.Ordinal);
        Assert.Equal("""{"model":"gpt-4o","stream":true}""", request.Body);
        Assert.Equal("gpt-4o", request.Json.GetProperty("model").GetString());
        Assert.Equal("gpt-4o", request.JsonString("model"));
        Assert.True(request.JsonBool("stream"));
        await request.Completion.WaitAsync(Patience);
        Assert.False(request.ClientAborted);
    }

    [Fact]
    public async Task Requests_BodyIsNotJson_JsonThrowsSayingWhatTheBodyWas()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        stub.Enqueue(StubResponse.Json(200, "{}"));

        using var _ = await UpstreamClient.PostAsync(stub.Url + "/api/chat", "not json");

        var request = Assert.Single(stub.Requests);
        Assert.False(request.HasJsonBody);
        Assert.Null(request.JsonString("model"));
        var error = Assert.Throws<InvalidOperationException>(() => request.Json);
        Assert.Contains("not json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_ManyConcurrentRequests_EachIsRecordedOnceWithItsOwnNumber()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => UpstreamClient.PostAsync(stub.Url + "/api/chat", $$"""{"model":"m{{i}}","stream":false}""")));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Equal(12, stub.RequestCount);
        Assert.Equal(Enumerable.Range(1, 12), stub.Requests.Select(request => request.Number).Order());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"m{i}").Order(), stub.Requests.Select(request => request.JsonString("model")).Order());
    }

    [Fact]
    public async Task WaitForRequestAsync_RequestArrivesAfterTheWaitBegins_ReturnsIt()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);

        var waiting = stub.WaitForRequestAsync(2, Patience);
        using var first = await UpstreamClient.GetAsync(stub.Url + "/v1/models");
        Assert.False(waiting.IsCompleted);
        using var second = await UpstreamClient.GetAsync(stub.Url + "/v1/other");

        var request = await waiting;
        Assert.Equal(2, request.Number);
        Assert.Equal("/v1/other", request.Path);
    }

    [Fact]
    public async Task WaitForRequestAsync_RequestNeverComes_ThrowsTimeoutSayingHowManyCame()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => stub.WaitForRequestAsync(1, TimeSpan.FromMilliseconds(20)));

        Assert.Contains("received 0 request(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sse_NoDelay_WritesEachRawEventExactlyAsGiven()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        string[] events = ["data: {\"a\":1}\n\n", ": comment\n\n", "event: x\ndata: {\"b\":2}\n\n"];
        stub.Enqueue(StubResponse.Sse(events));

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", "{}");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(string.Concat(events), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sse_WithDelayBetween_DeliversTheFirstEventBeforeTheLastIsSent()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        stub.Enqueue(StubResponse.Sse(["data: first\n\n", "data: last\n\n"], delayBetween: TimeSpan.FromMinutes(5)));

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", "{}");
        await using var body = await response.Content.ReadAsStreamAsync();
        var first = await ReadUntilAsync(body, "\n\n");

        Assert.Equal("data: first\n\n", first);
        var request = await stub.WaitForRequestAsync(1, Patience);
        Assert.False(request.Completion.IsCompleted, "the stub should still be waiting to send the last event");
    }

    [Fact]
    public async Task Ndjson_TwoLines_WritesEachLineWithANewline()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        stub.Enqueue(StubResponse.Ndjson(["""{"a":1}""", """{"b":2}"""]));

        using var response = await UpstreamClient.PostAsync(stub.Url + "/api/chat", "{}");

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"a\":1}\n{\"b\":2}\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delay_ThenJson_AnswersWithTheWrappedResponse()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        stub.Enqueue(StubResponse.Delay(TimeSpan.FromMilliseconds(10), StubResponse.Json(500, OpenAiPayloads.ServerError)));

        using var response = await UpstreamClient.GetAsync(stub.Url + "/v1/models");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(OpenAiPayloads.ServerError, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Text_HtmlErrorPageWithExtraHeader_IsSentAsGiven()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);
        const string Page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        stub.Enqueue(StubResponse.Text(502, "text/html", Page).WithHeaders(("retry-after", "3")));

        using var response = await UpstreamClient.GetAsync(stub.Url + "/openai/models");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3", response.Headers.GetValues("retry-after").Single());
        Assert.Equal(Page, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Custom_WritesThroughTheHttpContext()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        stub.Enqueue(StubResponse.Custom(async http =>
        {
            http.Response.StatusCode = 418;
            await http.Response.WriteAsync("teapot " + http.Request.Path);
        }));

        using var response = await UpstreamClient.GetAsync(stub.Url + "/api/tags");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("teapot /api/tags", await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ReadUntilAsync(Stream stream, string terminator)
    {
        var text = new StringBuilder();
        var buffer = new byte[1];
        while (!text.ToString().EndsWith(terminator, StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                throw new EndOfStreamException($"The stream ended after '{text}' without '{terminator.ReplaceLineEndings("\\n")}'.");
            }

            text.Append((char)buffer[0]);
        }

        return text.ToString();
    }

    private static async Task ReadToEndAsync(Stream stream)
    {
        var buffer = new byte[4096];
        while (await stream.ReadAsync(buffer) > 0)
        {
        }
    }
}
