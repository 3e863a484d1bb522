using Gateway.Configuration;
using Gateway.Routing;

namespace Gateway.Tests.Routing;

/// <summary>Matching an id against <c>llm.model_aliases</c>: exact ids first, then the longest glob prefix; case never matters.</summary>
public sealed class ModelAliasTableTests
{
    private static readonly ModelAliasTable Table = new(
    [
        new("claude-*", "a"),
        new("claude-haiku-*", "b"),
        new("claude-haiku-4-5", "c"),
        new("claude-haiku-4-*", "d"),
    ]);

    [Theory]
    [InlineData("claude-haiku-4-5", "c")]
    [InlineData("CLAUDE-HAIKU-4-5", "c")]
    [InlineData("claude-haiku-4-5-20251001", "d")]
    [InlineData("claude-haiku-3", "b")]
    [InlineData("claude-opus-5", "a")]
    [InlineData("claude-", "a")]
    public void Match_PicksExactThenLongestGlob(string model, string target)
    {
        Assert.Equal(target, Table.Match(model)?.Target);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("gpt-4o")]
    [InlineData("my-claude-haiku-4-5")]
    public void Match_NoEntryCovers_Null(string model)
    {
        Assert.Null(Table.Match(model));
    }
}
