using Xunit.Abstractions;
using Xunit.Sdk;

namespace Gateway.Tests.Codex;

/// <summary>Discovers a <see cref="CodexFactAttribute"/> method as a <see cref="CodexTestCase"/>.</summary>
public sealed class CodexFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new CodexTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}
