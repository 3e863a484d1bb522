namespace StreamProbe;

/// <summary>Splits an SSE byte stream into events (blank-line separated) and says what each was: data, <c>[DONE]</c>, or other.</summary>
internal sealed class SseFrames
{
    private readonly List<byte> _pending = [];

    public enum Frame
    {
        Data,
        Done,
        Other,
    }

    public List<Frame> Feed(ReadOnlySpan<byte> bytes)
    {
        var frames = new List<Frame>(2);
        foreach (var b in bytes)
        {
            if (b == (byte)'\r')
            {
                continue;
            }

            if (b == (byte)'\n' && _pending.Count > 0 && _pending[^1] == (byte)'\n')
            {
                frames.Add(Classify());
                _pending.Clear();
                continue;
            }

            _pending.Add(b);
        }

        return frames;
    }

    private Frame Classify()
    {
        var text = System.Text.Encoding.UTF8.GetString([.. _pending]).Trim();
        if (text.StartsWith("data: [DONE]", StringComparison.Ordinal))
        {
            return Frame.Done;
        }

        return text.StartsWith("data:", StringComparison.Ordinal) ? Frame.Data : Frame.Other;
    }
}
