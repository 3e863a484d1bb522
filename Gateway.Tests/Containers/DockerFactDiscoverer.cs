using Xunit.Abstractions;
using Xunit.Sdk;

namespace Gateway.Tests.Containers;

/// <summary>Discovers a <see cref="DockerFactAttribute"/> method as a <see cref="DockerTestCase"/>.</summary>
public sealed class DockerFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new DockerTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}
