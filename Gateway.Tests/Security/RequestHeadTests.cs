using System.Text.Json;
using Gateway.Tests.Harness;

namespace Gateway.Tests.Security;

/// <summary>
/// A request head that is too large or holds bytes no header may carry, sent as raw bytes: answered in the surface's error shape where
/// the gateway can see it, and refused by Kestrel (an empty 4xx) where it cannot be parsed at all.
/// </summary>
public sealed class RequestHeadTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() => _gateway = await TestGateway.StartAsync("llm:\n  backend: mock\n  mock: {}\n");

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task HeadersTooLarge_431InOpenAiShape()
    {
        var answer = await SendAsync("/v1/models", $"x-padding: {new string('a', 40_000)}\r\n");

        var error = OpenAiError(answer, 431);
        Assert.Equal("request_headers_too_large", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("32 KB", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyHeaders_431InOpenAiShape()
    {
        var headers = string.Concat(Enumerable.Range(0, 150).Select(i => $"x-h{i}: v\r\n"));

        var answer = await SendAsync("/v1/models", headers);

        Assert.Equal("request_headers_too_large", OpenAiError(answer, 431).GetProperty("code").GetString());
    }

    [Fact]
    public async Task UrlTooLong_414InOpenAiShape()
    {
        var answer = await SendAsync("/v1/models?q=" + new string('a', 9000), "");

        var error = OpenAiError(answer, 414);
        Assert.Equal("url_too_long", error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task HeadersTooLarge_OutsideV1_ProblemDetails()
    {
        var answer = await SendAsync("/usage", $"x-padding: {new string('a', 40_000)}\r\n");

        Assert.Equal(431, RawHttp.Status(answer));
        Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
        using var problem = JsonDocument.Parse(Body(answer));
        Assert.Equal("request_headers_too_large", problem.RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("x-title: caf\u00e9", "not UTF-8")]
    [InlineData("authorization: Bearer sk-\u0007secret", "U+0007")]
    public async Task HeaderWithBadBytes_400InOpenAiShapeNamingTheHeaderNotTheValue(string header, string says)
    {
        var answer = await SendAsync("/v1/models", header + "\r\n");

        var error = OpenAiError(answer, 400);
        Assert.Equal("invalid_header", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.Contains(header[..header.IndexOf(':')], message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(says, message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeaderInUtf8_Served()
    {
        // "café" as UTF-8 bytes; RawHttp writes each char as one byte.
        var answer = await SendAsync("/v1/models", "x-title: caf\u00c3\u00a9\r\n");

        Assert.Equal(200, RawHttp.Status(answer));
    }

    [Theory]
    [InlineData("GET /v1/models HTTP/1.1\nHost: localhost\nConnection: close\n\n")]
    [InlineData("GET /v1/models HTTP/1.1\r\nHost: localhost\nx-a: b\r\nConnection: close\r\n\r\n")]
    public async Task LineEndedByBareLineFeed_Refused(string request)
    {
        var answer = await RawHttp.SendAsync(_gateway.Url, request);

        Assert.Equal(400, RawHttp.Status(answer));
    }

    /// <summary>
    /// Kestrel parses the head before any middleware runs (<c>HttpProtocol.ProcessRequests</c>: <c>TryParseRequest</c> comes before
    /// <c>CreateContext</c>) and writes these refusals itself, without a body: two <c>Content-Length</c>s, a bad header name, a NUL byte,
    /// and a head past Kestrel's own limits (twice the gateway's). Nothing of the gateway can shape them.
    /// </summary>
    [Theory]
    [InlineData("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", 400)]
    [InlineData("GET /v1/models HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\nConnection: close\r\n\r\n", 400)]
    [InlineData("GET /v1/models HTTP/1.1\r\nHost: localhost\r\nx-title: a\0b\r\nConnection: close\r\n\r\n", 400)]
    [InlineData("GET /v1/models HTTP/1.1\r\nHost: localhost\r\nx-padding: {big}\r\nConnection: close\r\n\r\n", 431)]
    public async Task UnparsableHead_RefusedByKestrelWithEmptyBody(string request, int status)
    {
        var answer = await RawHttp.SendAsync(_gateway.Url, request.Replace("{big}", new string('a', 70_000), StringComparison.Ordinal));

        Assert.Equal(status, RawHttp.Status(answer));
        Assert.Contains("Content-Length: 0", answer, StringComparison.Ordinal);
        using var after = await _gateway.Http.GetAsync("/v1/models");
        Assert.Equal(200, (int)after.StatusCode);
    }

    private Task<string> SendAsync(string target, string headers) =>
        RawHttp.SendAsync(_gateway.Url, $"GET {target} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n");

    private static JsonElement OpenAiError(string answer, int status)
    {
        Assert.Equal(status, RawHttp.Status(answer));
        Assert.Contains("Content-Type: application/json", answer, StringComparison.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(Body(answer));
        return document.RootElement.GetProperty("error").Clone();
    }

    /// <summary>The body of a raw answer, chunked or not.</summary>
    private static string Body(string answer)
    {
        var body = answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        if (!answer.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return body;
        }

        var text = new System.Text.StringBuilder();
        while (true)
        {
            var end = body.IndexOf("\r\n", StringComparison.Ordinal);
            var size = Convert.ToInt32(body[..end], 16);
            if (size == 0)
            {
                return text.ToString();
            }

            text.Append(body.AsSpan(end + 2, size));
            body = body[(end + 2 + size + 2)..];
        }
    }
}
