using System.Collections.Concurrent;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Gateway.Tests.Containers;

/// <summary>
/// A container test case that, when skipped, also reports its skip reason as a diagnostic message. The VSTest adapter prints a skip
/// reason only at <c>normal</c> verbosity, next to the name of every passing test; it prints diagnostic messages as warnings at the default
/// one (with <c>DiagnosticMessages</c> on, see <c>Gateway.Tests.runsettings</c>), so the reason shows where the skip does: once per test
/// class and reason, the <c>[SKIP]</c> lines after it naming each test.
/// </summary>
public sealed class DockerTestCase : XunitTestCase
{
    private static readonly ConcurrentDictionary<(string Class, string Reason), bool> Reported = new();

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public DockerTestCase()
    {
    }

    public DockerTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    public override Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
    {
        if (SkipReason is { } reason && Reported.TryAdd((TestMethod.TestClass.Class.Name, reason), true))
        {
            var testClass = TestMethod.TestClass.Class.Name.Split('.')[^1];
            diagnosticMessageSink.OnMessage(new DiagnosticMessage("{0} skipped: {1}", testClass, reason));
        }

        return base.RunAsync(diagnosticMessageSink, messageBus, constructorArguments, aggregator, cancellationTokenSource);
    }
}
