using Gateway.Tests.AgentClients;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Gateway.Tests.ClaudeCode;

/// <summary>A Claude Code test case: skipped with the reason where the pinned release cannot be installed (<see cref="ClaudeCodeInstall"/>).</summary>
public sealed class ClaudeCodeTestCase : AgentClientTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ClaudeCodeTestCase()
    {
    }

    public ClaudeCodeTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    internal override Task<ClientSetup> ReadyAsync() => ClaudeCodeInstall.ReadyAsync();
}
