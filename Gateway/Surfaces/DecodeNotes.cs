namespace Gateway.Surfaces;

/// <summary>
/// What decoding a Messages request noted on the way: the fields the translation leaves out (named in <c>x-gateway-ignored</c>), and
/// the first part no translation can carry at all (a document, a server tool), which only a backend sent the request as it came serves.
/// </summary>
internal sealed class DecodeNotes
{
    private readonly SortedSet<string> _ignored = new(StringComparer.Ordinal);

    /// <summary>The left-out fields, sorted, each once.</summary>
    public IReadOnlyList<string> Ignored => [.. _ignored];

    /// <summary>Why the request cannot be translated, naming the first part at fault; null when it can be.</summary>
    public string? Untranslatable { get; private set; }

    /// <summary>Notes a field the translation leaves out.</summary>
    public void Add(string field) => _ignored.Add(field);

    /// <summary>Notes a part the translation cannot carry; the first one is the one reported.</summary>
    public void CannotTranslate(string message) => Untranslatable ??= message;
}
