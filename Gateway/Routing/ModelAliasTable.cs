using Gateway.Configuration;

namespace Gateway.Routing;

/// <summary>
/// <c>llm.model_aliases</c> ready to match, built once per config: an exact id wins over any glob, and of the globs the longest prefix
/// wins. Matching ignores case.
/// </summary>
internal sealed class ModelAliasTable
{
    private readonly Dictionary<string, ModelAlias> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly ModelAlias[] _globs;

    public ModelAliasTable(IReadOnlyList<ModelAlias> aliases)
    {
        var globs = new List<ModelAlias>();
        foreach (var alias in aliases)
        {
            if (alias.IsGlob)
            {
                globs.Add(alias);
            }
            else
            {
                _exact.TryAdd(alias.Pattern, alias);
            }
        }

        // A stable sort: of two globs of one length (which cannot both match, as ids are unique ignoring case) file order stays.
        _globs = [.. globs.OrderByDescending(alias => alias.Prefix.Length)];
    }

    /// <summary>The alias <paramref name="model"/> matches, or null.</summary>
    public ModelAlias? Match(string model)
    {
        if (_exact.TryGetValue(model, out var exact))
        {
            return exact;
        }

        foreach (var glob in _globs)
        {
            if (model.StartsWith(glob.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return glob;
            }
        }

        return null;
    }
}
