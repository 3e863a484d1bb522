using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Gateway.Streaming;

/// <summary>
/// Reads lines (LF or CRLF terminated) from a stream as they arrive, without waiting for more than one line.
/// A line longer than <see cref="MaxLineBytes"/> is a protocol violation and ends the read with <see cref="InvalidDataException"/>,
/// so an upstream that never sends a newline cannot make the gateway buffer without bound.
/// </summary>
internal static class LineReader
{
    public const int MaxLineBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Yields each line without its terminator. The memory is only valid until the next iteration; copy it to keep it.
    /// A final line without a terminator is yielded too, flagged by <paramref name="onUnterminatedTail"/>.
    /// </summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadLinesAsync(
        Stream stream,
        Action? onUnterminatedTail = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        byte[]? scratch = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;

                while (TryReadLine(ref buffer, out var line))
                {
                    yield return Materialize(line, ref scratch);
                }

                if (buffer.Length > MaxLineBytes)
                {
                    throw new InvalidDataException($"upstream sent a line longer than {MaxLineBytes} bytes");
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        onUnterminatedTail?.Invoke();
                        yield return Materialize(buffer, ref scratch);
                    }

                    reader.AdvanceTo(buffer.End);
                    yield break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, position.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    private static ReadOnlyMemory<byte> Materialize(ReadOnlySequence<byte> line, ref byte[]? scratch)
    {
        var length = (int)line.Length;
        if (length > 0 && line.Slice(length - 1).FirstSpan[0] == (byte)'\r')
        {
            length--;
        }

        if (scratch is null || scratch.Length < length)
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }

            scratch = ArrayPool<byte>.Shared.Rent(Math.Max(length, 4096));
        }

        line.Slice(0, length).CopyTo(scratch);
        return scratch.AsMemory(0, length);
    }
}
