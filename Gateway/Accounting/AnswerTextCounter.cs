namespace Gateway.Accounting;

/// <summary>
/// Counts the characters of generated text in an OpenAI answer as its bytes pass by, without buffering or parsing it: the string values of
/// <c>content</c>, <c>reasoning_content</c> and <c>arguments</c>, in one JSON body or across every event of a stream, however the bytes are
/// split. It feeds the token estimate for answers whose upstream reported no usage. An escape sequence counts as one character.
/// </summary>
internal sealed class AnswerTextCounter
{
    private const int MaxKeyLength = 24;

    private readonly byte[] _key = new byte[MaxKeyLength];
    private int _keyLength;
    private bool _keyOverflow;
    private bool _inString;
    private bool _counting;
    private bool _escape;
    private int _hexDigitsLeft;
    private Expect _expect;

    private enum Expect
    {
        Nothing,
        Colon,
        Value,
    }

    /// <summary>Characters of generated text seen so far.</summary>
    public long Characters { get; private set; }

    public void Feed(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length)
        {
            if (_inString)
            {
                i = _counting ? CountText(data, i) : SkipString(data, i);
                continue;
            }

            if (_expect == Expect.Nothing)
            {
                var quote = data[i..].IndexOf((byte)'"');
                if (quote < 0)
                {
                    return;
                }

                i += quote;
            }

            var b = data[i++];
            switch (b)
            {
                case (byte)'"':
                    _inString = true;
                    _counting = _expect == Expect.Value;
                    _expect = Expect.Nothing;
                    _keyLength = 0;
                    _keyOverflow = false;
                    break;
                case (byte)':' when _expect == Expect.Colon:
                    _expect = Expect.Value;
                    break;
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    break;
                default:
                    _expect = Expect.Nothing;
                    break;
            }
        }
    }

    /// <summary>Inside a counted value: count characters until the closing quote.</summary>
    private int CountText(ReadOnlySpan<byte> data, int i)
    {
        for (; i < data.Length; i++)
        {
            var b = data[i];
            if (_hexDigitsLeft > 0)
            {
                _hexDigitsLeft--;
            }
            else if (_escape)
            {
                _escape = false;
                _hexDigitsLeft = b == (byte)'u' ? 4 : 0;
            }
            else if (b == (byte)'\\')
            {
                _escape = true;
                Characters++;
            }
            else if (b == (byte)'"')
            {
                _inString = false;
                return i + 1;
            }
            else if ((b & 0xC0) != 0x80)
            {
                Characters++;
            }
        }

        return i;
    }

    /// <summary>Inside any other string: remember its first bytes (it may be a key), jump to the closing quote.</summary>
    private int SkipString(ReadOnlySpan<byte> data, int i)
    {
        while (i < data.Length)
        {
            if (_escape)
            {
                _escape = false;
                _keyOverflow = true;
                i++;
                continue;
            }

            var rest = data[i..];
            var stop = rest.IndexOfAny((byte)'"', (byte)'\\');
            Remember(stop < 0 ? rest : rest[..stop]);
            if (stop < 0)
            {
                return data.Length;
            }

            i += stop + 1;
            if (rest[stop] == (byte)'\\')
            {
                _escape = true;
                continue;
            }

            _inString = false;
            _expect = !_keyOverflow && IsCountedKey(_key.AsSpan(0, _keyLength)) ? Expect.Colon : Expect.Nothing;
            return i;
        }

        return i;
    }

    private void Remember(ReadOnlySpan<byte> bytes)
    {
        if (_keyOverflow || bytes.IsEmpty)
        {
            return;
        }

        if (_keyLength + bytes.Length > MaxKeyLength)
        {
            _keyOverflow = true;
            return;
        }

        bytes.CopyTo(_key.AsSpan(_keyLength));
        _keyLength += bytes.Length;
    }

    private static bool IsCountedKey(ReadOnlySpan<byte> key) =>
        key.SequenceEqual("content"u8) || key.SequenceEqual("reasoning_content"u8) || key.SequenceEqual("arguments"u8);
}
