using Gateway.Security;

namespace Gateway.Tests.Security;

public sealed class ClientKeyRingTests
{
    private readonly ClientKeyRing _ring = new(["first-key-0123456789", "second-key-0123456789", new string('k', 600)]);

    [Theory]
    [InlineData("first-key-0123456789", 0)]
    [InlineData("second-key-0123456789", 1)]
    [InlineData("first-key-012345678", -1)]
    [InlineData("first-key-01234567890", -1)]
    [InlineData("FIRST-KEY-0123456789", -1)]
    [InlineData("", -1)]
    public void Match_PresentedKey_IndexOfTheEqualKeyOnly(string presented, int expected) => Assert.Equal(expected, _ring.Match(presented));

    [Fact]
    public void Match_KeyLongerThanTheStackBuffer_Matched() => Assert.Equal(2, _ring.Match(new string('k', 600)));
}
