namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>Something mounted into the container at <see cref="Target"/>, over what the image has there.</summary>
internal sealed record ContainerMount(string Target, MountKind Kind, bool ReadOnly)
{
    /// <summary>For <see cref="MountKind.Bind"/>: the file or folder of this machine.</summary>
    public string? HostPath { get; init; }

    /// <summary>For <see cref="MountKind.Files"/>: file name to content.</summary>
    public IReadOnlyDictionary<string, string>? Files { get; init; }

    /// <summary>For <see cref="MountKind.Content"/>: the file's text.</summary>
    public string? Text { get; init; }

    public static ContainerMount Bind(string target, string hostPath, bool readOnly) => new(target, MountKind.Bind, readOnly) { HostPath = hostPath };

    public static ContainerMount Folder(string target, IReadOnlyDictionary<string, string> files, bool readOnly) =>
        new(target, MountKind.Files, readOnly) { Files = files };

    public static ContainerMount Content(string target, string text) => new(target, MountKind.Content, ReadOnly: true) { Text = text };

    public static ContainerMount Tmpfs(string target) => new(target, MountKind.Tmpfs, ReadOnly: false);

    public bool IsFile => Kind == MountKind.Content || (Kind == MountKind.Bind && File.Exists(HostPath));
}
