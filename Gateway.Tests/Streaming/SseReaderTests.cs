using System.Text;
using Gateway.Streaming;

namespace Gateway.Tests.Streaming;

/// <summary>
/// <c>text/event-stream</c> framing as the WHATWG spec defines it: fields, comments, <c>data:</c> lines joined by <c>\n</c>, events cut
/// off by the end of the stream dropped; work and memory linear in the size of an event however many lines it has; and a line that
/// never ends stopped at <see cref="LineReader.MaxLineBytes"/>.
/// </summary>
public sealed class SseReaderTests
{
    [Fact]
    public async Task ReadAsync_EventOfAHundredThousandDataLines_JoinsThemWithNewlinesInMemoryLinearInTheEvent()
    {
        const int lines = 100_000;
        var raw = new StringBuilder("event: long\n");
        for (var i = 0; i < lines; i++)
        {
            raw.Append("data: ").Append(i).Append('\n');
        }

        var body = Encoding.UTF8.GetBytes(raw.Append("\ndata: next\n\n").ToString());
        var expected = string.Join('\n', Enumerable.Range(0, lines));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var events = await ReadAllAsync(body);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, events.Count);
        Assert.Equal("long", events[0].Name);
        Assert.Equal(expected, Encoding.UTF8.GetString(events[0].Data.Span));
        Assert.Equal("next", Encoding.UTF8.GetString(events[1].Data.Span));

        // Copying the joined data again for every line costs the square of the event (here some 30 GB); joining once costs a few times it.
        Assert.True(allocated < 16L * body.Length, $"reading a {body.Length}-byte event allocated {allocated} bytes");
    }

    [Fact]
    public async Task ReadAsync_FieldsCommentsAndLineEndings_ParsedAsTheSpecSays()
    {
        var events = await ReadAllAsync(
            ": ping\n"
            + "data: plain\n\n"
            + "event: content_block_delta\r\ndata:{\"a\":1}\r\n\r\n"
            + "id: 7\nretry: 1000\ndata:  two spaces\n\n"
            + "data\n\n"
            + "data: cut off by the end");

        Assert.Equal(
            [(null, "plain"), ("content_block_delta", "{\"a\":1}"), (null, " two spaces"), (null, "")],
            events.Select(e => (e.Name, Encoding.UTF8.GetString(e.Data.Span))));
    }

    [Fact]
    public async Task ReadAsync_DoneTerminator_IsDone()
    {
        var events = await ReadAllAsync("data: {}\n\ndata: [DONE]\n\n");

        Assert.Equal([false, true], events.Select(e => e.IsDone));
    }

    [Fact]
    public async Task ReadAsync_LineThatNeverEnds_StopsAtTheLineCapWithAClearError()
    {
        var endless = new EndlessLine(stopAfter: 8 * LineReader.MaxLineBytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(endless));

        Assert.Contains($"line longer than {LineReader.MaxLineBytes} bytes", error.Message, StringComparison.Ordinal);
        Assert.True(endless.Sent <= LineReader.MaxLineBytes + (1024 * 1024), $"read {endless.Sent} bytes of one line before giving up");
    }

    [Fact]
    public async Task ReadAsync_LongLinesEachUnderTheCap_AllRead()
    {
        var line = new string('x', LineReader.MaxLineBytes - 16);
        var events = await ReadAllAsync($"data: {line}\n\ndata: {line}\n\n");

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(line.Length, e.Data.Length));
    }

    private static Task<List<SseEvent>> ReadAllAsync(string raw) => ReadAllAsync(Encoding.UTF8.GetBytes(raw));

    private static Task<List<SseEvent>> ReadAllAsync(byte[] raw) => ReadAllAsync(new MemoryStream(raw));

    private static async Task<List<SseEvent>> ReadAllAsync(Stream stream)
    {
        var events = new List<SseEvent>();
        await foreach (var sse in SseReader.ReadAsync(stream))
        {
            events.Add(sse);
        }

        return events;
    }

    /// <summary>An upstream sending <c>data: aaaa…</c> without ever a line end; it gives up (and says so) after <c>stopAfter</c> bytes.</summary>
    private sealed class EndlessLine(long stopAfter) : SynchronousReadStream
    {
        public long Sent { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            if (Sent >= stopAfter)
            {
                throw new IOException($"the reader took {Sent} bytes of one line without stopping");
            }

            var count = Math.Min(buffer.Length, 64 * 1024);
            buffer[..count].Fill((byte)'a');
            if (Sent == 0)
            {
                "data: "u8.CopyTo(buffer);
            }

            Sent += count;
            return count;
        }
    }
}
