using System.Net.Sockets;

namespace Gateway.Tests.Upstreams;

/// <summary>Streams that break, connections that drop, requests that hang, and a stub that stops listening.</summary>
public sealed partial class StubUpstreamTests
{
    [Fact]
    public async Task Sse_CutAfter_ClientSeesTheEventsThenAnIOException()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        stub.Enqueue(StubResponse.Sse(["data: only\n\n"], cutAfter: true));

        using var response = await UpstreamClient.PostAsync(stub.Url + "/v1/chat/completions", "{}");
        await using var body = await response.Content.ReadAsStreamAsync();

        Assert.Equal("data: only\n\n", await ReadUntilAsync(body, "\n\n"));
        await Assert.ThrowsAnyAsync<IOException>(() => ReadToEndAsync(body));
        var request = await stub.WaitForRequestAsync(1, Patience);
        await request.Completion.WaitAsync(Patience);
        Assert.False(request.ClientAborted);
    }

    [Fact]
    public async Task Ndjson_CutAfter_ClientSeesAnIOException()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        stub.Enqueue(StubResponse.Ndjson(OllamaPayloads.ChatStream.Take(1), cutAfter: true));

        using var response = await UpstreamClient.PostAsync(stub.Url + "/api/chat", "{}");
        await using var body = await response.Content.ReadAsStreamAsync();

        await Assert.ThrowsAnyAsync<IOException>(() => ReadToEndAsync(body));
    }

    [Fact]
    public async Task Reset_ClientSeesAConnectionResetAndNoStatus()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Anthropic);
        stub.Enqueue(StubResponse.Reset());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => UpstreamClient.PostAsync(stub.Url + "/v1/messages", "{}"));

        var socket = Assert.IsType<SocketException>(error.InnerException?.InnerException);
        Assert.Equal(SocketError.ConnectionReset, socket.SocketErrorCode);

        var request = await stub.WaitForRequestAsync(1, Patience);
        await request.Completion.WaitAsync(Patience);
        Assert.False(request.ClientAborted);
    }

    [Fact]
    public async Task Refuse_ClientSeesTheResponseEndBeforeAnyStatus()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Azure);
        stub.Enqueue(StubResponse.Refuse());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => UpstreamClient.PostAsync(stub.Url + "/openai/deployments/d/chat/completions", "{}"));

        Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<HttpIOException>(error.InnerException).HttpRequestError);
    }

    [Fact]
    public async Task Hang_ClientCancels_RequestEndsWithClientAborted()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        stub.Enqueue(StubResponse.Hang());
        using var cancellation = new CancellationTokenSource();

        var sending = UpstreamClient.SendAsync(HttpMethod.Post, stub.Url + "/v1/chat/completions", "{}", cancellationToken: cancellation.Token);
        var request = await stub.WaitForRequestAsync(1, Patience);
        Assert.False(request.Completion.IsCompleted, "a hung request stays open while the client waits");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await request.Completion.WaitAsync(Patience);
        Assert.True(request.ClientAborted);
    }

    [Fact]
    public async Task StopAsync_ThenARequest_ConnectionIsRefused()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.Ollama);
        using var warmup = await UpstreamClient.GetAsync(stub.Url + "/api/tags");

        await stub.StopAsync();

        using var client = new HttpClient();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => UpstreamClient.SendAsync(HttpMethod.Get, stub.Url + "/api/tags", client: client));
        var socket = Assert.IsType<SocketException>(error.InnerException);
        Assert.Equal(SocketError.ConnectionRefused, socket.SocketErrorCode);
        Assert.Equal(1, stub.RequestCount);
    }

    [Fact]
    public async Task StopAsync_WhileARequestHangs_DropsItWithoutWaitingForTheClient()
    {
        await using var stub = await StubUpstream.StartAsync(UpstreamKind.OpenAI);
        stub.Enqueue(StubResponse.Hang());
        using var client = new HttpClient();

        var sending = UpstreamClient.SendAsync(HttpMethod.Get, stub.Url + "/v1/models", client: client);
        var request = await stub.WaitForRequestAsync(1, Patience);
        await stub.StopAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => sending);
        await request.Completion.WaitAsync(Patience);
        Assert.False(request.ClientAborted);
    }
}
