using Xunit.Abstractions;
using Xunit.Sdk;

namespace Gateway.Tests.ClaudeCode;

/// <summary>Discovers a <see cref="ClaudeCodeFactAttribute"/> method as a <see cref="ClaudeCodeTestCase"/>.</summary>
public sealed class ClaudeCodeFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new ClaudeCodeTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}
