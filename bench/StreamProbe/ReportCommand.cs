using System.Globalization;
using System.Text;

namespace StreamProbe;

/// <summary>
/// Prints the benchmark's markdown table: medians over rounds of direct-to-upstream and through-the-gateway side by side, their ratio,
/// what the gateway adds, and each target of the performance issue with whether it was met. Exits 1 when the pipeline itself is broken
/// (a phase recorded nothing, a request failed, a stream lost events); timings never fail it.
/// </summary>
internal static class ReportCommand
{
    public static int Run(ProbeArgs options)
    {
        var results = Results.Load(options.Text("results"));
        var smoke = options.Flag("smoke");
        var expectedEvents = options.Number("expect-events", 50);
        var table = new ReportTable(results, smoke, expectedEvents);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineInfo.Describe()}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Settings: {options.OptionalText("settings") ?? "defaults"}.");
        if (smoke)
        {
            text.AppendLine("Smoke mode: one short round to prove the pipeline works; the timings below mean nothing and are not judged.");
        }

        text.AppendLine();
        text.Append(table.Render());
        Console.Write(text.ToString());
        if (options.OptionalText("out") is { } path)
        {
            File.WriteAllText(path, text.ToString());
        }

        var broken = table.Problems();
        foreach (var problem in broken)
        {
            Console.Error.WriteLine($"benchmark pipeline broken: {problem}");
        }

        return broken.Count == 0 ? 0 : 1;
    }
}
