using System.Globalization;

namespace Gateway.Tests.Security.Fuzz;

/// <summary>
/// How much to fuzz and from which seed. <c>GATEWAY_FUZZ_SEED</c> fixes the run's seed (a fresh one otherwise, always reported),
/// <c>GATEWAY_FUZZ_CASES</c> sets the number of cases for longer local runs, <c>GATEWAY_FUZZ_CASE</c> replays a single case.
/// </summary>
internal sealed record FuzzSettings(int Seed, int Cases, int? OnlyCase)
{
    public static FuzzSettings FromEnvironment(int defaultCases)
    {
        var seed = Number("GATEWAY_FUZZ_SEED") ?? Random.Shared.Next(1, int.MaxValue);
        var only = Number("GATEWAY_FUZZ_CASE");
        return new FuzzSettings(seed, Number("GATEWAY_FUZZ_CASES") ?? defaultCases, only);
    }

    /// <summary>The case numbers to run.</summary>
    public IEnumerable<int> CaseNumbers => OnlyCase is int only ? [only] : Enumerable.Range(0, Cases);

    /// <summary>Each case draws from its own generator, so any case can be replayed alone.</summary>
    public Random ForCase(int number) => new(unchecked((Seed * 1_000_003) + number));

    public string Replay(int number) => $"replay with GATEWAY_FUZZ_SEED={Seed} GATEWAY_FUZZ_CASE={number}";

    private static int? Number(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
