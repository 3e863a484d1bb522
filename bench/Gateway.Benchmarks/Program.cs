using BenchmarkDotNet.Running;

namespace Gateway.Benchmarks;

/// <summary>
/// The hot paths measured in isolation with BenchmarkDotNet (time and allocated bytes per operation):
/// <c>dotnet run -c Release --project bench/Gateway.Benchmarks -- --filter '*'</c>. BenchmarkDotNet's own options apply.
/// Exits 1 when no benchmark ran or one failed, so a smoke run can tell.
/// </summary>
internal static class BenchmarkEntry
{
    public static int Main(string[] args)
    {
        var ran = false;
        foreach (var summary in BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args))
        {
            if (summary.HasCriticalValidationErrors)
            {
                return 1;
            }

            foreach (var report in summary.Reports)
            {
                if (!report.Success)
                {
                    return 1;
                }

                ran = true;
            }
        }

        return ran ? 0 : 1;
    }
}
