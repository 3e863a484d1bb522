using System.Collections.Concurrent;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Gateway.Tests.Codex;

/// <summary>
/// A Codex test case: before it runs, the pinned release is installed (once per run, <see cref="CodexInstall"/>); where that fails the
/// test is skipped with the reason, which is also reported once per class as a diagnostic message, printed at the default verbosity
/// (see <c>Gateway.Tests.runsettings</c>).
/// </summary>
public sealed class CodexTestCase : XunitTestCase
{
    private static readonly ConcurrentDictionary<(string Class, string Reason), bool> Reported = new();

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public CodexTestCase()
    {
    }

    public CodexTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    public override async Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
    {
        if (SkipReason is null && (await CodexInstall.ReadyAsync()).SkipReason is { } reason)
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
