namespace Gateway.Tests.Resilience;

/// <summary>Fault injection, non-streamed, with a fallback: the fallback answers (see <see cref="FaultInjection"/>).</summary>
public sealed class FallbackFaultTests
{
    public static TheoryData<string> Faults() => Fault.Names();

    [Theory]
    [MemberData(nameof(Faults))]
    public Task Chat_PrimaryFails_FallbackAnswersAndAttemptsAreCounted(string fault) => FaultInjection.FallbackAnswersAsync(fault, stream: false);
}
