using Gateway.Tests.AgentClients;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Gateway.Tests.Codex;

/// <summary>A Codex test case: skipped with the reason where the pinned release cannot be installed (<see cref="CodexInstall"/>).</summary>
public sealed class CodexTestCase : AgentClientTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public CodexTestCase()
    {
    }

    public CodexTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    internal override Task<ClientSetup> ReadyAsync() => CodexInstall.ReadyAsync();
}
