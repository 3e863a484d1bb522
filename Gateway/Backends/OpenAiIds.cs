using System.Security.Cryptography;

namespace Gateway.Backends;

/// <summary>Identifiers in OpenAI's style for answers the gateway composes itself.</summary>
internal static class OpenAiIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary><c>chatcmpl-</c> plus 24 random characters.</summary>
    public static string NewCompletionId() => "chatcmpl-" + RandomNumberGenerator.GetString(Alphabet, 24);

    /// <summary><c>call_</c> plus 24 random characters, for tool calls an upstream gave no id.</summary>
    public static string NewToolCallId() => "call_" + RandomNumberGenerator.GetString(Alphabet, 24);
}
