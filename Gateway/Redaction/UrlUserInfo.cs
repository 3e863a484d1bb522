using System.Text.RegularExpressions;

namespace Gateway.Redaction;

/// <summary>
/// The user-info of URLs in text (<c>http://user:password@host</c>), masked wherever it appears: whether the URL is a configured
/// <c>base_url</c>, one from a config since replaced, or one an upstream quotes back, and however short its password is.
/// <c>http://user:password@host</c> becomes <c>http://[redacted]@host</c>; the host stays, so the text still says where.
/// </summary>
internal static partial class UrlUserInfo
{
    /// <summary>
    /// A scheme, <c>://</c>, then user-info up to the last <c>@</c> of the authority (a password may hold an unescaped <c>@</c>): never
    /// <c>/ ? #</c>, brackets (so the mask itself does not match), quotes or white space. Both parts are bounded, so a long log
    /// payload costs time in proportion to its length.
    /// </summary>
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]{0,31}://)[^/?#\[\]\s""'<>]{1,512}@", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool AppearsIn(string? text) => MayHold(text) && Pattern().IsMatch(text!);

    /// <summary><paramref name="text"/> with the user-info of every URL in it masked; the same instance when there is none.</summary>
    public static string Mask(string text) => MayHold(text) ? Pattern().Replace(text, "${scheme}" + SecretSet.Mask + "@") : text;

    /// <summary>A cheap look first: most text holds no <c>://</c> or no <c>@</c> at all.</summary>
    private static bool MayHold(string? text) =>
        text is { Length: > 4 } && text.AsSpan().IndexOf("://", StringComparison.Ordinal) >= 0 && text.Contains('@', StringComparison.Ordinal);
}
