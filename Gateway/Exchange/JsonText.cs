using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Gateway.Exchange;

/// <summary>
/// Checks that parsed JSON text is valid Unicode throughout. The JSON parser accepts invalid UTF-8 inside strings and escapes of
/// unpaired UTF-16 surrogates (<c>"\ud800"</c>), which only fail later, wherever a string is read; checked once up front, such a body
/// is a clear 400 instead of an error deep inside a request.
/// </summary>
internal static class JsonText
{
    /// <summary>What is wrong with <paramref name="json"/> (syntactically valid JSON), or null.</summary>
    public static string? UnicodeProblem(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            var offset = FirstInvalidUtf8(json);
            return $"The request body is not valid UTF-8: byte 0x{json[offset]:X2} at offset {offset} does not belong there. Send JSON encoded as UTF-8.";
        }

        var pendingHigh = -1;
        var i = 0;
        var unit = 0;
        int next;
        while ((next = json[i..].IndexOf((byte)'\\')) >= 0)
        {
            var at = i + next;
            if (pendingHigh >= 0 && at != pendingHigh + 6)
            {
                return Unpaired(pendingHigh);
            }

            var isEscapedUnit = at + 5 < json.Length && json[at + 1] == 'u' && TryHex(json.Slice(at + 2, 4), out unit);
            var isLow = isEscapedUnit && unit is >= 0xDC00 and <= 0xDFFF;
            if (pendingHigh >= 0 && !isLow)
            {
                return Unpaired(pendingHigh);
            }

            if (!isEscapedUnit)
            {
                i = at + 2;
                continue;
            }

            if (isLow && pendingHigh < 0)
            {
                return Unpaired(at);
            }

            pendingHigh = unit is >= 0xD800 and <= 0xDBFF ? at : -1;
            i = at + 6;
        }

        return pendingHigh >= 0 ? Unpaired(pendingHigh) : null;
    }

    private static string Unpaired(int offset) =>
        $"The request body has an unpaired UTF-16 surrogate escape at offset {offset}; a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF escape.";

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> json)
    {
        var offset = 0;
        while (offset < json.Length && Rune.DecodeFromUtf8(json[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }

        return Math.Min(offset, json.Length - 1);
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            var nibble = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                return false;
            }

            value = (value << 4) | nibble;
        }

        return true;
    }
}
