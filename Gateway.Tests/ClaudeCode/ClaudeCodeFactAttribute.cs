using Xunit.Sdk;

namespace Gateway.Tests.ClaudeCode;

/// <summary>
/// A fact that runs the real Claude Code client. Whether it can run is only known once the pinned release is installed, which happens
/// when the first such test runs, never at discovery (so a filtered run that leaves these tests out installs nothing): where the
/// install or the client fails, <see cref="ClaudeCodeTestCase"/> skips the test with the reason.
/// </summary>
[XunitTestCaseDiscoverer("Gateway.Tests.ClaudeCode.ClaudeCodeFactDiscoverer", "Gateway.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClaudeCodeFactAttribute : FactAttribute;
