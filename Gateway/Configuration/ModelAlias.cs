namespace Gateway.Configuration;

/// <summary>
/// One entry of <c>llm.model_aliases</c>: a model id a client sends (<c>claude-haiku-4-5</c>), or a glob with a trailing <c>*</c>
/// (<c>claude-haiku-*</c>), and the <c>model</c> it stands for, read as a request's <c>model</c> is (a model key, a model name or
/// <c>&lt;backend&gt;/&lt;key-or-model&gt;</c>). Ids match case-insensitively; a target is never looked up as an alias itself.
/// </summary>
internal sealed record ModelAlias(string Pattern, string Target)
{
    /// <summary>True for a glob (<c>claude-haiku-*</c>), which matches every id that starts with <see cref="Prefix"/>.</summary>
    public bool IsGlob => Pattern.EndsWith('*');

    /// <summary>The id itself, or a glob's text before its <c>*</c>.</summary>
    public string Prefix => IsGlob ? Pattern[..^1] : Pattern;

    /// <summary>The backend <see cref="Target"/> names by prefix (<c>ollama</c> of <c>ollama/fast</c>), or null for a bare key or model.</summary>
    public string? TargetBackend
    {
        get
        {
            var slash = Target.IndexOf('/', StringComparison.Ordinal);
            return slash > 0 && BackendNames.IsKnown(Target[..slash]) ? Target[..slash].ToLowerInvariant() : null;
        }
    }
}
