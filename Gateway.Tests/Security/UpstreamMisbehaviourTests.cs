using System.Text;
using System.Text.Json;
using Gateway.Dispatch;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Security;

/// <summary>
/// An upstream that misbehaves is bad input too: HTML pages, cut JSON, answers without end, lines without end and silence all end in a
/// clear 5xx (never a crash or a hang), reading at most a bounded amount.
/// </summary>
public sealed class UpstreamMisbehaviourTests : IAsyncLifetime
{
    private StubUpstream _openai = null!;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _openai = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        _gateway = await Gateway(_openai, attempt: TimeSpan.FromSeconds(20)).StartAsync();
    }

    private static TestGatewayBuilder Gateway(StubUpstream openai, TimeSpan attempt) => TestGateway.For(
        $$"""
        llm:
          backend: openai
          global_defaults:
            timeout_seconds: {{attempt.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}
            stream_idle_timeout_seconds: 0.3
            max_retries: 0
          openai:
            base_url: "{{openai.Url}}/v1"
            api_key: "sk-upstream-0123456789"
            models: { generator: "gpt-4o" }
        """);

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _openai.DisposeAsync();
    }

    [Fact]
    public async Task HtmlErrorPage_502SayingItWasHtml()
    {
        _openai.Enqueue(StubResponse.Text(502, "text/html", "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"));

        var (status, message) = await ChatAsync(stream: false);

        Assert.Equal(502, status);
        Assert.Contains("HTML page", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlPageWithStatus200_502NotPassedOffAsAnAnswer()
    {
        _openai.Enqueue(StubResponse.Text(200, "text/html", "<html><body>Please sign in to the proxy</body></html>"));

        var (status, message) = await ChatAsync(stream: false);

        Assert.Equal(502, status);
        Assert.False(string.IsNullOrWhiteSpace(message));
    }

    [Fact]
    public async Task TruncatedJson_502()
    {
        _openai.Enqueue(StubResponse.Json(200, """{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hel"""));

        var (status, _) = await ChatAsync(stream: false);

        Assert.Equal(502, status);
    }

    [Fact]
    public async Task AnswerWithoutEnd_502AfterABoundedRead()
    {
        _openai.Enqueue(Endless("""{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":" """, "application/json"));

        var (status, message) = await ChatAsync(stream: false);

        Assert.Equal(502, status);
        Assert.Contains("larger than 32 MiB", message, StringComparison.Ordinal);
        var upstream = Assert.Single(_openai.Requests);
        await upstream.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(upstream.ClientAborted);
    }

    [Fact]
    public async Task StreamLineWithoutEnd_502BeforeAnythingIsSent()
    {
        _openai.Enqueue(Endless("data: {\"id\":\"x\",\"choices\":[{\"delta\":{\"content\":\"", "text/event-stream"));

        var (status, message) = await ChatAsync(stream: true);

        Assert.Equal(502, status);
        Assert.Contains("longer than", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silence_504WithinTheAttemptTimeout()
    {
        await using var gateway = await Gateway(_openai, attempt: TimeSpan.FromMilliseconds(300)).WithFakeTime().StartAsync();
        _openai.Enqueue(StubResponse.Hang());

        var answering = gateway.Http.PostAsync("/v1/chat/completions", Body(stream: false));
        await _openai.WaitForRequestAsync(1, TimeSpan.FromSeconds(10));
        gateway.Clock.Advance(TimeSpan.FromMilliseconds(300));
        using var response = await answering;

        Assert.Equal(504, (int)response.StatusCode);
    }

    [Fact]
    public async Task StreamFallingSilentAfterItStarted_EndsWithAnErrorEventAndNoDone()
    {
        await using var gateway = await Gateway(_openai, attempt: TimeSpan.FromSeconds(20)).WithFakeTime().StartAsync();
        _openai.Enqueue(StubResponse.Sse([OpenAiPayloads.TextStream[0], OpenAiPayloads.TextStream[1]], delayBetween: TimeSpan.FromMinutes(5)));

        using var response = await gateway.SendChatAsync(stream: true);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await reader.ReadThroughAsync("data: {"); // the first event is out; the upstream is silent from here on
        var text = first + await gateway.AdvanceUntilDoneAsync(reader.ReadToEndAsync(), TimeSpan.FromSeconds(0.3));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("\"error\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterEveryMisbehaviour_TheNextGoodAnswerIsServed()
    {
        _openai.Enqueue(StubResponse.Text(500, "text/html", "<html>oops</html>"));
        _openai.Enqueue(StubResponse.Json(200, "{\"id\":"));
        await ChatAsync(stream: false);
        await ChatAsync(stream: false);

        var (status, _) = await ChatAsync(stream: false);

        Assert.Equal(200, status);
    }

    private async Task<(int Status, string Message)> ChatAsync(bool stream)
    {
        using var response = await _gateway.Http.PostAsync("/v1/chat/completions", Body(stream));
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode == 200)
        {
            return (200, text);
        }

        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.GetProperty("error").GetProperty("message").GetString()!);
    }

    private static StringContent Body(bool stream) =>
        new($$"""{"model":"generator","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json");

    /// <summary>A 200 answer that starts with <paramref name="prefix"/> and then sends 'a' for ever, until the client goes away.</summary>
    private static StubResponse Endless(string prefix, string contentType) => StubResponse.Custom(async http =>
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = contentType;
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(prefix), http.RequestAborted);
        var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        try
        {
            while (!http.RequestAborted.IsCancellationRequested)
            {
                await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The gateway stopped reading: the point of the test.
        }
    });
}
