namespace Gateway.Tests.Resilience;

/// <summary>Fault injection, non-streamed, fallback opted out: one error listing every attempt (see <see cref="FaultInjection"/>).</summary>
public sealed class OptedOutFaultTests
{
    public static TheoryData<string> Faults() => Fault.Names();

    [Theory]
    [MemberData(nameof(Faults))]
    public Task Chat_PrimaryFailsAndFallbackOptedOut_OneErrorListingEveryAttempt(string fault) => FaultInjection.OneErrorListsEveryAttemptAsync(fault, stream: false);
}
