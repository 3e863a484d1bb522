namespace Gateway.Tests.Resilience;

/// <summary>Fault injection, streamed, fallback opted out: one error listing every attempt (see <see cref="FaultInjection"/>).</summary>
public sealed class OptedOutStreamFaultTests
{
    public static TheoryData<string> Faults() => Fault.Names();

    [Theory]
    [MemberData(nameof(Faults))]
    public Task Stream_PrimaryFailsAndFallbackOptedOut_OneErrorListingEveryAttempt(string fault) => FaultInjection.OneErrorListsEveryAttemptAsync(fault, stream: true);
}
