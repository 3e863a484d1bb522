using System.Security.Cryptography;

namespace Gateway.Surfaces.Anthropic;

/// <summary>Anthropic message ids (<c>msg_…</c>) for answers that came back with Chat Completions ids.</summary>
internal static class MessageIds
{
    private const string Prefix = "msg_";
    private const string CompletionPrefix = "chatcmpl-";
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>
    /// <c>msg_</c> and the completion id's own part (<c>chatcmpl-abc</c> → <c>msg_abc</c>), so logs on both sides can be matched; an
    /// id that already is a message id (the Anthropic backend's) stays; none gets a fresh one.
    /// </summary>
    public static string From(string? completionId) => completionId switch
    {
        null or "" or CompletionPrefix => New(),
        _ when completionId.StartsWith(Prefix, StringComparison.Ordinal) => completionId,
        _ when completionId.StartsWith(CompletionPrefix, StringComparison.Ordinal) => Prefix + completionId[CompletionPrefix.Length..],
        _ => Prefix + completionId,
    };

    public static string New() => Prefix + RandomNumberGenerator.GetString(Alphabet, 24);
}
