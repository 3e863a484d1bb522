using System.Globalization;
using System.Text;

namespace StreamProbe;

/// <summary>One result line of <c>key=value</c> pairs, the form <c>bench/run.sh</c> records per round.</summary>
internal sealed class Output
{
    private readonly StringBuilder _line = new();

    public Output Add(string key, double value)
    {
        if (_line.Length > 0)
        {
            _line.Append(' ');
        }

        _line.Append(key).Append('=').Append(value.ToString(Math.Abs(value) >= 100 || value == Math.Floor(value) ? "0" : "0.###", CultureInfo.InvariantCulture));
        return this;
    }

    public void Print() => Console.WriteLine(_line.ToString());
}
