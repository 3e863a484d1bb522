namespace Gateway.Tests.Resilience;

/// <summary>Tests that measure the whole process (memory, connections) run in this collection: after all others, and one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Runs alone";
}
