using Xunit.Sdk;

namespace Gateway.Tests.Codex;

/// <summary>
/// A fact that runs the real Codex CLI. Whether it can run is only known once the pinned release is installed, which happens when the
/// first such test runs, never at discovery (so a filtered run that leaves these tests out installs nothing): where the install fails,
/// <see cref="CodexTestCase"/> skips the test with the reason.
/// </summary>
[XunitTestCaseDiscoverer("Gateway.Tests.Codex.CodexFactDiscoverer", "Gateway.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class CodexFactAttribute : FactAttribute;
