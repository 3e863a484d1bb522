using System.Collections.Concurrent;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Gateway.Tests.AgentClients;

/// <summary>
/// A test case that runs a real agent client: before it runs, the pinned release is installed (once per run,
/// <see cref="PinnedNpmClient"/>); where that fails the test is skipped with the reason, which is also reported once per class as a
/// diagnostic message, printed at the default verbosity (see <c>Gateway.Tests.runsettings</c>).
/// </summary>
public abstract class AgentClientTestCase : XunitTestCase
{
    private static readonly ConcurrentDictionary<(string Class, string Reason), bool> Reported = new();

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public AgentClientTestCase()
    {
    }

    public AgentClientTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <summary>The client's install, made ready on first use.</summary>
    internal abstract Task<ClientSetup> ReadyAsync();

    public override async Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
    {
        if (SkipReason is null && (await ReadyAsync()).SkipReason is { } reason)
        {
            SkipReason = reason;
            if (Reported.TryAdd((TestMethod.TestClass.Class.Name, reason), true))
            {
                var testClass = TestMethod.TestClass.Class.Name.Split('.')[^1];
                diagnosticMessageSink.OnMessage(new DiagnosticMessage("{0} skipped: {1}", testClass, reason));
            }
        }

        return await base.RunAsync(diagnosticMessageSink, messageBus, constructorArguments, aggregator, cancellationTokenSource);
    }
}
