using BenchmarkDotNet.Running;

namespace Gateway.Benchmarks;

/// <summary>
/// The hot paths measured in isolation with BenchmarkDotNet (time and allocated bytes per operation):
/// <c>dotnet run -c Release --project bench/Gateway.Benchmarks -- --filter '*'</c>. BenchmarkDotNet's own options apply.
/// </summary>
internal static class BenchmarkEntry
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
}
