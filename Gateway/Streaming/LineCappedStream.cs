namespace Gateway.Streaming;

/// <summary>
/// A read-only view of a stream that ends the read with <see cref="InvalidDataException"/> as soon as one line (ended by LF, CR or CRLF)
/// grows past <c>maxLineBytes</c>. It puts <see cref="LineReader.MaxLineBytes"/> in front of parsers that buffer a line until its end
/// without a bound of their own. The underlying stream is not disposed with it.
/// </summary>
internal sealed class LineCappedStream(Stream inner, int maxLineBytes) : Stream
{
    /// <summary>Bytes of the line in progress (since the last line end).</summary>
    private long _line;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Checked(buffer[..inner.Read(buffer)]);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Checked(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Follows the line in progress through <paramref name="read"/>; returns its length.</summary>
    private int Checked(ReadOnlySpan<byte> read)
    {
        var rest = read;
        while (true)
        {
            var end = rest.IndexOfAny((byte)'\n', (byte)'\r');
            _line += end < 0 ? rest.Length : end;
            if (_line > maxLineBytes)
            {
                throw new InvalidDataException($"upstream sent a line longer than {maxLineBytes} bytes");
            }

            if (end < 0)
            {
                return read.Length;
            }

            _line = 0;
            rest = rest[(end + 1)..];

            // The lines wholly inside this read are shorter than the read; only a read longer than the cap needs them measured.
            if (rest.Length <= maxLineBytes)
            {
                end = rest.LastIndexOfAny((byte)'\n', (byte)'\r');
                if (end >= 0)
                {
                    rest = rest[(end + 1)..];
                }

                _line = rest.Length;
                return read.Length;
            }
        }
    }
}
