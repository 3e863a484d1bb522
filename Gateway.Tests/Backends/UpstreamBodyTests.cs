using System.Net;
using Gateway.Backends;
using Gateway.Tests.Streaming;

namespace Gateway.Tests.Backends;

/// <summary>
/// A body is read under its size bound, and memory follows the bytes that arrive, not the length the upstream declares: an upstream
/// that announces 32 MiB and sends ten bytes costs ten bytes (and a small buffer), not 32 MiB.
/// </summary>
public sealed class UpstreamBodyTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task ReadAsync_DeclaresTheLimitButEndsAfterTenBytes_AllocatesFarLessThanDeclaredAndSaysTheBodyWasCut()
    {
        using var response = Answer([.. "{\"id\":\"x\"}"u8], declared: UpstreamBody.MaxAnswerBytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = await Record.ExceptionAsync(() => UpstreamBody.ReadAsync(response, UpstreamBody.MaxAnswerBytes, CancellationToken.None));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < MiB, $"reading 10 bytes of a declared {UpstreamBody.MaxAnswerBytes} allocated {allocated} bytes");
        var cut = Assert.IsType<EndOfStreamException>(error);
        Assert.Contains($"declared {UpstreamBody.MaxAnswerBytes} bytes", cut.Message, StringComparison.Ordinal);
        Assert.Contains("ended after 10", cut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_SmallDeclaredLength_ReturnsTheBodyInAnArrayOfExactlyThatSize()
    {
        var body = Bytes(500);
        using var response = Answer(body, declared: body.Length);

        var read = await UpstreamBody.ReadAsync(response, UpstreamBody.MaxAnswerBytes, CancellationToken.None);

        Assert.Equal(body, read);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_LargeBodyArrivingInSmallReads_ReturnsEveryByte(bool declared)
    {
        var body = Bytes((3 * MiB) + 17);
        using var response = Answer(body, declared: declared ? body.Length : null, readSize: 1000);

        var read = await UpstreamBody.ReadAsync(response, UpstreamBody.MaxAnswerBytes, CancellationToken.None);

        Assert.Equal(body, read);
    }

    [Fact]
    public async Task ReadAsync_DeclaredLengthOverTheLimit_NullWithoutReading()
    {
        using var response = Answer(Bytes(10), declared: 2001);

        Assert.Null(await UpstreamBody.ReadAsync(response, 2000, CancellationToken.None));
    }

    [Theory]
    [InlineData(100_000, 100_000, false)]
    [InlineData(100_001, 100_000, true)]
    [InlineData(5 * MiB, 4 * MiB, true)]
    public async Task ReadAsync_UndeclaredLength_NullOnlyPastTheLimit(int length, int limit, bool tooLarge)
    {
        var body = Bytes(length);
        using var response = Answer(body, declared: null, readSize: 4096);

        var read = await UpstreamBody.ReadAsync(response, limit, CancellationToken.None);

        Assert.Equal(tooLarge ? null : body, read);
    }

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)('a' + (i % 26));
        }

        return bytes;
    }

    /// <summary>An answer whose body is <paramref name="body"/>, with <c>Content-Length</c> <paramref name="declared"/> (none when null).</summary>
    private static HttpResponseMessage Answer(byte[] body, long? declared, int? readSize = null)
    {
        var content = new StreamContent(new TrickleStream(body, readSize ?? int.MaxValue));
        content.Headers.ContentLength = declared;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>A body from memory that hands out at most <c>readSize</c> bytes per read, as a network stream does.</summary>
    private sealed class TrickleStream(byte[] body, int readSize) : SynchronousReadStream
    {
        private int _position;

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(Math.Min(buffer.Length, readSize), body.Length - _position);
            body.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }
    }
}
