namespace Gateway.Tests.Deployment.Sandbox;

internal enum MountKind
{
    /// <summary>A file or folder of this machine (a compose bind volume).</summary>
    Bind,

    /// <summary>A folder holding the given files (a Kubernetes ConfigMap or Secret volume, a compose config).</summary>
    Files,

    /// <summary>One file with the given text (a compose config's <c>content</c>).</summary>
    Content,

    /// <summary>A fresh, empty, writable folder in memory (an emptyDir, the container's own /tmp).</summary>
    Tmpfs,
}
