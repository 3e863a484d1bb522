using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Security;

/// <summary>
/// The gateway's own API keys (<c>server.api_keys</c>) kept as SHA-256 digests. A presented key is hashed and compared with every digest
/// in constant time, so neither how much of a key matched nor which key it was can be learnt from the answer's timing.
/// </summary>
internal sealed class ClientKeyRing
{
    private const int StackLimit = 256;
    private readonly byte[][] _digests;

    public ClientKeyRing(IReadOnlyList<string> keys)
    {
        _digests = new byte[keys.Count][];
        for (var i = 0; i < keys.Count; i++)
        {
            _digests[i] = new byte[SHA256.HashSizeInBytes];
            Digest(keys[i], _digests[i]);
        }
    }

    public int Count => _digests.Length;

    /// <summary>The index of the key <paramref name="presented"/> equals, or -1. Every configured key is compared, whatever matches.</summary>
    public int Match(ReadOnlySpan<char> presented)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        Digest(presented, digest);
        var match = -1;
        for (var i = 0; i < _digests.Length; i++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(digest, _digests[i]);
            match = equal ? i : match;
        }

        return match;
    }

    private static void Digest(ReadOnlySpan<char> key, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        Span<byte> buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(key, buffer);
            SHA256.HashData(buffer[..written], destination);
            CryptographicOperations.ZeroMemory(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
