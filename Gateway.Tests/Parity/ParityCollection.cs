namespace Gateway.Tests.Parity;

/// <summary>The parity test classes share one set of stubs and gateways (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class ParityCollection : ICollectionFixture<ParityFixture>
{
    public const string Name = "parity";
}
