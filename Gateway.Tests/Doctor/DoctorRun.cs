using Gateway.Doctor;
using Gateway.Tests.Configuration;

namespace Gateway.Tests.Doctor;

/// <summary>Runs <see cref="DoctorCommand"/> on YAML text (with a dictionary environment) and keeps what it printed.</summary>
internal sealed record DoctorRun(int ExitCode, string Output)
{
    public static async Task<DoctorRun> OfAsync(string yaml, params (string Name, string Value)[] environment)
    {
        var config = ConfigFixture.Parse(yaml, environment);
        using var output = new StringWriter();
        var exit = await DoctorCommand.RunAsync(config, output);
        return new DoctorRun(exit, output.ToString());
    }

    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The finding lines (between the heading and the summary).</summary>
    public IReadOnlyList<string> Findings => [.. Lines.Skip(1).SkipLast(1)];

    public string Summary => Lines[^1];

    /// <summary>The one finding line with <paramref name="status"/> (<c>ok</c>, <c>FAIL</c>, <c>note</c>) that contains every fragment.</summary>
    public string Single(string status, params string[] fragments)
    {
        var matching = Findings.Where(line => line.StartsWith(status + " ", StringComparison.Ordinal)
            && fragments.All(fragment => line.Contains(fragment, StringComparison.Ordinal))).ToList();
        Assert.True(matching.Count == 1, $"expected one '{status}' line containing [{string.Join(" | ", fragments)}], found {matching.Count}:\n{Output}");
        return matching[0];
    }

    public int Count(string status) => Findings.Count(line => line.StartsWith(status + " ", StringComparison.Ordinal));
}
