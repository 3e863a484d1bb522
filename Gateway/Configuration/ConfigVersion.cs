using System.Security.Cryptography;
using System.Text;

namespace Gateway.Configuration;

/// <summary>A short, stable name for one content of the config file: the first 12 hex digits of its SHA-256.</summary>
internal static class ConfigVersion
{
    public static string Of(string yaml)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(yaml), hash);
        return Convert.ToHexStringLower(hash[..6]);
    }
}
