using System.Globalization;

namespace StreamProbe;

/// <summary>
/// The values <c>bench/run.sh</c> recorded, one per line as <c>round scenario target metric value</c> (tab-separated), reduced to the
/// median over rounds of each (scenario, target, metric).
/// </summary>
internal sealed class Results
{
    private readonly Dictionary<(string Scenario, string Target, string Metric), List<double>> _values = [];

    public static Results Load(string path)
    {
        var results = new Results();
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split('\t');
            if (fields.Length != 5 || !double.TryParse(fields[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var key = (fields[1], fields[2], fields[3]);
            if (!results._values.TryGetValue(key, out var list))
            {
                results._values[key] = list = [];
            }

            list.Add(value);
        }

        return results;
    }

    /// <summary>The median over rounds, or NaN when nothing was recorded.</summary>
    public double Median(string scenario, string target, string metric) =>
        _values.TryGetValue((scenario, target, metric), out var list) ? Percentiles.Median([.. list]) : double.NaN;

    /// <summary>The largest value over rounds (for counts that must stay zero), or NaN.</summary>
    public double Max(string scenario, string target, string metric) =>
        _values.TryGetValue((scenario, target, metric), out var list) ? list.Max() : double.NaN;

    /// <summary>The smallest value over rounds, or NaN.</summary>
    public double Min(string scenario, string target, string metric) =>
        _values.TryGetValue((scenario, target, metric), out var list) ? list.Min() : double.NaN;

    public int Rounds(string scenario, string target, string metric) =>
        _values.TryGetValue((scenario, target, metric), out var list) ? list.Count : 0;
}
