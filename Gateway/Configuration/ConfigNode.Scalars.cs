using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Gateway.Configuration;

/// <summary>Typed scalar getters. Every string goes through <c>${VAR}</c> expansion first, numbers and booleans included.</summary>
internal sealed partial class ConfigNode
{
    /// <summary>The expanded text of a scalar; null (with an error unless the node is null) for anything else.</summary>
    public EnvExpander.Expansion? Expand(string expected)
    {
        if (IsNull)
        {
            return null;
        }

        if (Yaml is not YamlScalarNode { Value: var raw })
        {
            Error($"expected {expected}, found {Describe()}");
            return null;
        }

        if (!EnvExpander.TryExpand(raw ?? "", Context.Environment, out var expansion, out var error))
        {
            Error(error!);
            return null;
        }

        return expansion;
    }

    /// <summary>Optional text: null when absent, null or empty after expansion.</summary>
    public string? Text(string expected = "a text value") => Expand(expected) is { Value.Length: > 0 } expansion ? expansion.Value : null;

    /// <summary>Text that must not be empty; an empty expansion is an error that names the unset variables.</summary>
    public string? RequiredText(string expected)
    {
        if (IsNull)
        {
            Error($"expected {expected}, found nothing (null)");
            return null;
        }

        if (Expand(expected) is not { } expansion)
        {
            return null;
        }

        if (expansion.Value.Length > 0)
        {
            return expansion.Value;
        }

        Error(expansion.Unset.Count > 0 ? EmptyBecauseUnset(expansion.Unset) : $"expected {expected}, found an empty value");
        return null;
    }

    /// <summary>A number within [min, max].</summary>
    public double? Number(double min, double max)
    {
        var expected = double.IsPositiveInfinity(max) ? $"a number of at least {Invariant(min)}" : $"a number from {Invariant(min)} to {Invariant(max)}";
        if (Expand(expected) is not { } expansion)
        {
            return null;
        }

        if (double.TryParse(expansion.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= min && value <= max)
        {
            return value;
        }

        Error($"expected {expected}, found '{expansion.Value}'");
        return null;
    }

    /// <summary>A whole number greater than zero.</summary>
    public int? PositiveInt()
    {
        const string expected = "a whole number greater than 0";
        if (Expand(expected) is not { } expansion)
        {
            return null;
        }

        if (int.TryParse(expansion.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        Error($"expected {expected}, found '{expansion.Value}'");
        return null;
    }

    public bool? Bool()
    {
        const string expected = "true or false";
        if (Expand(expected) is not { } expansion)
        {
            return null;
        }

        if (bool.TryParse(expansion.Value, out var value))
        {
            return value;
        }

        Error($"expected {expected}, found '{expansion.Value}'");
        return null;
    }

    /// <summary>
    /// An absolute http(s) URL without its trailing slash; null for a null node (the caller's default applies). An empty expansion is
    /// an error naming the unset variables, or "" when <paramref name="allowEmpty"/> (the caller has a fallback).
    /// </summary>
    public string? Url(bool allowEmpty = false)
    {
        const string expected = "an absolute http(s) URL such as http://localhost:11434";
        if (Expand(expected) is not { } expansion)
        {
            return null;
        }

        var value = expansion.Value.Trim();
        if (value.Length == 0)
        {
            if (allowEmpty)
            {
                return "";
            }

            Error(expansion.Unset.Count > 0 ? EmptyBecauseUnset(expansion.Unset) : $"expected {expected}, found an empty value");
            return null;
        }

        if (UrlProblem(value) is not { } problem)
        {
            return value.TrimEnd('/');
        }

        var unset = expansion.Unset.Count > 0 ? $" ({Join(expansion.Unset)} not set)" : "";
        Error($"expected {expected}; this value {problem}{unset}");
        return null;
    }

    /// <summary>Why <paramref name="value"/> is not a usable base URL, or null. Never quotes the value: it may carry credentials.</summary>
    public static string? UrlProblem(string value)
    {
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            return "has no http:// or https:// prefix";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return "is not a valid URL";
        }

        return uri.Scheme is "http" or "https" ? null : $"uses the scheme '{uri.Scheme}'";
    }

    /// <summary><c>expands to an empty value because X is not set</c>.</summary>
    public static string BecauseUnset(IReadOnlyList<string> unset) => $"expands to an empty value because {Join(unset)} not set";

    /// <summary><c>expands to an empty value because X is not set; set X (environment or .env) or write ${X:-&lt;value&gt;}</c>.</summary>
    public static string EmptyBecauseUnset(IReadOnlyList<string> unset) =>
        $"{BecauseUnset(unset)}; set {unset[0]} (environment or .env) or write ${{{unset[0]}:-<value>}}";

    public static string Join(IReadOnlyList<string> names) => names.Count == 1 ? $"{names[0]} is" : $"{string.Join(", ", names)} are";

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
