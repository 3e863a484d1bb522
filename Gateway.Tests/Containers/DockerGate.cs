using System.Collections.Concurrent;

namespace Gateway.Tests.Containers;

/// <summary>
/// Decides, once per test run and per <see cref="ContainerNeed"/>, whether container tests can run here, and if not says why and what to
/// do. The engine is probed once for all needs; the image and feed checks run only against an engine Testcontainers can use.
/// </summary>
internal static class DockerGate
{
    private const string RunThem = "dotnet test --filter Category=Containers";

    private static readonly Lazy<Task<EngineProbe>> Engine = new(() => Task.Run(DockerEngineProbe.ProbeAsync));
    private static readonly ConcurrentDictionary<ContainerNeed, Lazy<string?>> Reasons = new();

    /// <summary>Null where tests with this need can run; else the skip reason: the cause, what the tests do, and what to do.</summary>
    public static string? SkipReason(ContainerNeed need) => Reasons.GetOrAdd(need, static n => new Lazy<string?>(() => Decide(n))).Value;

    private static string? Decide(ContainerNeed need)
    {
        try
        {
            return Task.Run(() => ReasonAsync(need)).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            return $"The Docker probe itself failed ({e.GetType().Name}: {e.Message}); fix the cause, then run: {RunThem}";
        }
    }

    private static async Task<string?> ReasonAsync(ContainerNeed need)
    {
        var requirement = ContainerRequirement.For(need);
        var probe = await Engine.Value;
        var problem = probe switch
        {
            { Problem: { } found } => found,
            { Engine: { } engine } => await PullCheck.FindProblemAsync(engine, requirement),
            _ => null,
        };

        return problem is null ? null : $"{problem.Cause}. {requirement.Purpose}; {problem.Remedy}, then run: {RunThem}";
    }
}
