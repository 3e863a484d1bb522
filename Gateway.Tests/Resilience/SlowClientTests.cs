using System.Net.Sockets;
using System.Text;
using Gateway.Tests.Api;
using Gateway.Tests.Harness;
using Gateway.Tests.Upstreams;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Resilience;

/// <summary>
/// The idle timeout measures the upstream's silences, not the client's: a client that stops reading (so the gateway's writes wait on
/// it) for longer than <c>stream_idle_timeout_seconds</c>, against an upstream that keeps sending, gets the whole answer, and the
/// upstream is not blamed for it.
/// </summary>
public sealed class SlowClientTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Content events of 256 KiB: enough of them to fill every buffer between the upstream and a client that has stopped reading.</summary>
    private static readonly string[] Parts = [.. Enumerable.Repeat(new string('x', 256 * 1024), 400)];

    [Fact]
    public async Task Stream_ClientStopsReadingLongerThanTheIdleTimeout_NoSilenceReportedAndTheEndpointStaysIn()
    {
        await using var upstreams = await PrimaryWithFallback.StartAsync();
        await using var gateway = await TestGateway.For(upstreams.Config(
            settings: "resilience:\n  failures_before_cooldown: 1\n  cooldown_seconds: 30",
            primarySettings: "stream_idle_timeout_seconds: 1")).WithFakeTime().StartAsync();
        var upstream = new SteadyUpstream([.. OpenAiChatTests.OpenAiStream(Parts)]);
        upstreams.Primary!.Enqueue(StubResponse.Custom(upstream.WriteAsync));
        using var client = SlowReadingClient(gateway.Url);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"generator","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith("data: {", await reader.ReadLineAsync().WaitAsync(Patience), StringComparison.Ordinal);

        // The client reads nothing more: the pipes fill, the gateway's write waits on the client, and so the upstream's waits on the
        // gateway. Time passes, well beyond the idle timeout, while the upstream has more to send than the pipes hold.
        await upstream.StalledAsync(Patience);
        gateway.Clock.Advance(TimeSpan.FromSeconds(5));

        var (content, tail) = await ReadToEndAsync(reader);

        Assert.DoesNotContain(tail, line => line.Contains("went silent", StringComparison.Ordinal) || line.Contains("\"error\"", StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", tail[^1]);
        Assert.Equal(Parts.Length * Parts[0].Length, content);
        var next = await gateway.ChatAsync(stream: true);
        Assert.Equal("openai", next.Backend);
        Assert.Empty(upstreams.Fallback.Requests);
    }

    /// <summary>A client whose socket takes only a few KiB before the reader drains it, so that it pushes back soon.</summary>
    private static HttpClient SlowReadingClient(string url) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 8 * 1024 };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Reads the rest of the stream: how many characters of content it carried, and its other lines.</summary>
    private static async Task<(long Content, List<string> Tail)> ReadToEndAsync(StreamReader reader)
    {
        long content = 0;
        var tail = new List<string>();
        using var patience = new CancellationTokenSource(Patience);
        while (await reader.ReadLineAsync(patience.Token) is { } line)
        {
            var x = line.IndexOf("xxxx", StringComparison.Ordinal);
            if (x < 0)
            {
                if (line.Length > 0)
                {
                    tail.Add(line);
                }

                continue;
            }

            content += line.AsSpan(x).IndexOf('"');
        }

        return (content, tail);
    }

    /// <summary>An upstream that sends its events as fast as it is allowed to and tells when it can no longer send.</summary>
    private sealed class SteadyUpstream(string[] events)
    {
        private int _written;

        public async Task WriteAsync(HttpContext http)
        {
            http.Response.ContentType = "text/event-stream";
            foreach (var raw in events)
            {
                await http.Response.WriteAsync(raw, http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
                Interlocked.Increment(ref _written);
            }
        }

        /// <summary>Waits until the upstream, with events still to send, has not got one out for a while: every pipe is full.</summary>
        public async Task StalledAsync(TimeSpan patience)
        {
            var deadline = DateTime.UtcNow + patience;
            var last = -1;
            var still = 0;
            while (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                var written = Volatile.Read(ref _written);
                Assert.True(written < events.Length, "the whole answer fitted in the pipes; send more");
                still = written == last ? still + 1 : 0;
                last = written;
                if (still >= 10)
                {
                    return;
                }
            }

            throw new TimeoutException($"the upstream kept sending ({last} of {events.Length} events)");
        }
    }
}
