using System.Globalization;

namespace StreamProbe;

/// <summary><c>command --name value ...</c>, with typed getters that say which option is missing or wrong.</summary>
internal sealed class ProbeArgs
{
    private readonly Dictionary<string, string> _values;

    private ProbeArgs(Dictionary<string, string> values) => _values = values;

    public static (string Command, ProbeArgs Options) Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return (args.Length > 0 ? args[0] : string.Empty, new ProbeArgs(values));
    }

    public string Text(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");

    public string? OptionalText(string name) => _values.GetValueOrDefault(name);

    public double Number(string name, double? fallback = null)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback ?? throw new ArgumentException($"--{name} is required.");
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"--{name} must be a non-negative number, not '{text}'.");
    }

    public bool Flag(string name) => _values.TryGetValue(name, out var value) && value is "true" or "1" or "yes";
}
