using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>
/// The shell script that turns a fresh network and mount namespace into the container's view, then becomes its process: loopback up
/// with the network's addresses, the image's files as a read-only overlay at their root folder (<c>/app</c>), mounts over it, the
/// container's <c>/etc/hosts</c>, a read-only root where asked, fresh tmpfs folders, and finally <c>setpriv</c> to the container's user.
/// Files it needs are staged under a scratch folder of this machine's temp directory.
/// </summary>
internal static class SandboxSetup
{
    public static string Script(ContainerSpec spec, SandboxNetwork network, string scratch, string readyMarker, string program)
    {
        var ip = HostTools.Require(HostTools.Ip, "ip");
        var mount = HostTools.Require(HostTools.Mount, "mount");
        var script = new StringBuilder("set -e\n");
        script.Append($"{Q(ip)} link set lo up\n");
        foreach (var address in network.Addresses)
        {
            script.Append($"{Q(ip)} addr add {address}/{(address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)} dev lo\n");
        }

        if (spec.Layers.Count > 0)
        {
            var (root, lowers) = StageLayers(spec, scratch);
            script.Append($"{Q(mount)} -t overlay overlay -o ro,lowerdir={string.Join(':', lowers)} {Q(root)}\n");
        }

        var index = 0;
        foreach (var item in spec.Mounts.Where(m => m.Kind != MountKind.Tmpfs).OrderBy(m => m.Target.Count(c => c == '/')))
        {
            var source = item.Kind switch
            {
                MountKind.Bind => item.HostPath!,
                MountKind.Content => StageText(item.Text!, Path.Combine(Readable(Path.Combine(scratch, $"mount-{index++}")), "content")),
                _ => StageFiles(item, Path.Combine(scratch, $"mount-{index++}")),
            };
            script.Append($"{Q(mount)} --bind {(item.ReadOnly ? "-o ro " : "")}{Q(source)} {Q(item.Target)}\n");
        }

        var hosts = Path.Combine(scratch, "hosts");
        File.WriteAllText(hosts, network.HostsFile());
        script.Append($"{Q(mount)} --bind {Q(hosts)} /etc/hosts\n");
        if (spec.ReadOnlyRoot)
        {
            script.Append("while read -r _ _ _ _ point _; do ");
            script.Append($"{Q(mount)} -o remount,bind,ro \"$point\" 2>/dev/null || echo \"sandbox: $point stays writable\" >&2; ");
            script.Append("done < /proc/self/mountinfo\n");
        }

        foreach (var item in spec.Mounts.Where(m => m.Kind == MountKind.Tmpfs))
        {
            script.Append($"{Q(mount)} -t tmpfs -o mode=1777,nosuid,nodev tmpfs {Q(item.Target)}\n");
        }

        script.Append($"cd {Q(spec.WorkingDirectory)}\nunset PWD OLDPWD\necho {Q(readyMarker)} >&2\n");
        script.Append("exec ").Append(string.Join(' ', Setpriv(spec).Append(program).Concat(spec.Command.Skip(1)).Select(Q))).Append('\n');
        return script.ToString();
    }

    /// <summary><c>setpriv</c> with the container's user, no supplementary groups, and the confinement the spec asks for.</summary>
    public static IEnumerable<string> Setpriv(ContainerSpec spec)
    {
        yield return HostTools.Require(HostTools.Setpriv, "setpriv");
        yield return $"--reuid={spec.User.Uid}";
        yield return $"--regid={spec.User.Gid}";
        yield return "--clear-groups";
        if (spec.NoNewPrivileges)
        {
            yield return "--no-new-privs";
        }

        if (spec.DropAllCapabilities)
        {
            yield return "--bounding-set=-all";
            yield return "--inh-caps=-all";
        }

        yield return "--";
    }

    /// <summary>Single-quoted for <c>sh</c>.</summary>
    public static string Q(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// The overlay's root (the one top-level folder every layer lands in) and its lower folders, top first: a folder layer copied to the
    /// root is used as it is, other layers are copied into staging folders, and an empty mount point is staged for every mount below the root.
    /// </summary>
    private static (string Root, List<string> Lowers) StageLayers(ContainerSpec spec, string scratch)
    {
        var tops = spec.Layers.Select(layer => "/" + layer.Destination.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()).Distinct().ToList();
        if (tops.Count != 1 || tops[0] == "/")
        {
            throw new NotSupportedException($"{spec.Name}: the image's files land in {string.Join(", ", tops)}; the sandbox overlays one top-level folder");
        }

        var root = tops[0];
        Directory.CreateDirectory(root);
        var lowers = new List<string>();
        string? staging = null;
        foreach (var layer in spec.Layers)
        {
            if (layer.IsDirectory && layer.Destination == root)
            {
                lowers.Add(layer.HostPath);
                staging = null;
                continue;
            }

            if (staging is null)
            {
                staging = Readable(Path.Combine(scratch, $"layer-{lowers.Count}"));
                lowers.Add(staging);
            }

            Copy(layer.HostPath, Path.Combine(staging, ContainerPath.Relative(layer.Destination, root)));
        }

        var mountPoints = Readable(Path.Combine(scratch, "mount-points"));
        foreach (var item in spec.Mounts.Where(m => ContainerPath.IsWithin(m.Target, root) && m.Target != root))
        {
            var point = Path.Combine(mountPoints, ContainerPath.Relative(item.Target, root));
            Readable(Path.GetDirectoryName(point)!);
            if (item.IsFile)
            {
                File.WriteAllBytes(point, []);
            }
            else
            {
                Readable(point);
            }
        }

        lowers.Add(mountPoints);
        lowers.Reverse();
        if (lowers.Any(lower => lower.IndexOfAny([':', ',', '\'']) >= 0))
        {
            throw new NotSupportedException($"{spec.Name}: an overlay folder's path has ':', ',' or a quote: {string.Join(", ", lowers)}");
        }

        return (root, lowers);
    }

    private static string StageFiles(ContainerMount mount, string folder)
    {
        Readable(folder);
        foreach (var (name, content) in mount.Files!)
        {
            StageText(content, Path.Combine(folder, name));
        }

        return folder;
    }

    private static string StageText(string text, string file)
    {
        File.WriteAllText(file, text);
        SetMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return file;
    }

    private static void Copy(string source, string destination)
    {
        Readable(Path.GetDirectoryName(destination)!);
        if (File.Exists(source))
        {
            File.Copy(source, destination, overwrite: true);
            SetMode(destination, (OperatingSystem.IsWindows() ? 0 : File.GetUnixFileMode(source)) | UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            Copy(entry, Path.Combine(destination, Path.GetFileName(entry)));
        }
    }

    /// <summary>Creates the folder (and its parents) readable and searchable by every user, as the container's user must read it.</summary>
    public static string Readable(string folder)
    {
        var created = Directory.CreateDirectory(folder);
        SetMode(created.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return created.FullName;
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}
