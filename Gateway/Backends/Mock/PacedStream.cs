namespace Gateway.Backends.Mock;

/// <summary>
/// A read-only stream that hands out <paramref name="frames"/> one after another, pausing before every frame but the first, the way
/// a model emits tokens. Pull-based: nothing runs between reads, and the reader's token cancels a pause.
/// </summary>
internal sealed class PacedStream(IReadOnlyList<byte[]> frames, TimeSpan pause, TimeProvider time) : Stream
{
    private int _frame;
    private int _offset;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_frame >= frames.Count || buffer.IsEmpty)
        {
            return 0;
        }

        if (_offset == 0 && _frame > 0 && pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, time, cancellationToken);
        }

        return Copy(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Copy(Span<byte> destination)
    {
        var source = frames[_frame].AsSpan(_offset);
        var count = Math.Min(source.Length, destination.Length);
        source[..count].CopyTo(destination);
        _offset += count;
        if (_offset == frames[_frame].Length)
        {
            _frame++;
            _offset = 0;
        }

        return count;
    }
}
