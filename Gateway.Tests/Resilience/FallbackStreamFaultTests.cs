namespace Gateway.Tests.Resilience;

/// <summary>Fault injection, streamed, with a fallback: the fallback streams the answer (see <see cref="FaultInjection"/>).</summary>
public sealed class FallbackStreamFaultTests
{
    public static TheoryData<string> Faults() => Fault.Names();

    [Theory]
    [MemberData(nameof(Faults))]
    public Task Stream_PrimaryFailsBeforeFirstEvent_FallbackStreamsInvisibly(string fault) => FaultInjection.FallbackAnswersAsync(fault, stream: true);
}
