using System.Runtime.InteropServices;

namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>The one system call the sandbox needs that .NET does not wrap: joining another network namespace.</summary>
internal static class LibC
{
    /// <summary><c>CLONE_NEWNET</c>: the namespace file must be a network namespace.</summary>
    public const int CloneNewNet = 0x40000000;

    /// <summary>Moves the calling thread (only it: a network namespace is per thread) into the namespace <paramref name="fd"/> refers to.</summary>
    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int SetNamespace(int fd, int namespaceType);
}
