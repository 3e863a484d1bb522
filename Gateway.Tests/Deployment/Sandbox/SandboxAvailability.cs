using System.Diagnostics;

namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>
/// Whether this process can make sandboxes, found once by trying: not Linux, not root, a tool missing, <c>unshare --net --mount</c> or an
/// overlay mount refused (its stderr is quoted), or the images' unprivileged user unable to run the dotnet host or read the build output
/// each give the reason the sandbox tests are skipped with.
/// </summary>
internal static class SandboxAvailability
{
    /// <summary>The user the .NET images run as; the probe checks it can run what the containers will.</summary>
    private const string ImageUser = "1654";

    private static readonly Lazy<string?> Reason = new(() => Probe() is { } reason
        ? $"{reason}. These tests start each deployment in a private network and mount namespace: run them as root on Linux where `unshare --net --mount` works."
        : null);

    /// <summary>Why sandboxes cannot be made here, or null when they can.</summary>
    public static string? UnavailableReason => Reason.Value;

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "Linux namespaces are needed, and this is not Linux";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            var uid = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t')[2];
            return $"this process is not root (effective uid {uid})";
        }

        foreach (var (name, path) in new[] { ("unshare", HostTools.Unshare), ("nsenter", HostTools.Nsenter), ("ip", HostTools.Ip), ("setpriv", HostTools.Setpriv), ("mount", HostTools.Mount), ("dotnet", HostTools.Dotnet) })
        {
            if (path is null)
            {
                return $"{name} is not on PATH";
            }
        }

        return TrySandbox();
    }

    /// <summary>In a throwaway namespace: loopback up, an overlay mount, and the image user running the dotnet host and reading Gateway.dll.</summary>
    private static string? TrySandbox()
    {
        var scratch = SandboxSetup.Readable(Directory.CreateTempSubdirectory("gateway-sandbox-probe-").FullName);
        try
        {
            var (upper, lower, target) = (SandboxSetup.Readable(Path.Combine(scratch, "a")), SandboxSetup.Readable(Path.Combine(scratch, "b")), SandboxSetup.Readable(Path.Combine(scratch, "c")));
            var q = SandboxSetup.Q;
            var script = $"set -e; {q(HostTools.Ip!)} link set lo up; {q(HostTools.Mount!)} -t overlay overlay -o ro,lowerdir={upper}:{lower} {q(target)}; "
                + $"{q(HostTools.Setpriv!)} --reuid={ImageUser} --regid={ImageUser} --clear-groups -- {q(HostTools.Dotnet!)} --list-runtimes >/dev/null; "
                + $"{q(HostTools.Setpriv!)} --reuid={ImageUser} --regid={ImageUser} --clear-groups -- {HostTools.Shell} -c {q($"test -r {q(Path.Combine(AppContext.BaseDirectory, "Gateway.dll"))}")} "
                + $"|| {{ echo 'uid {ImageUser} cannot read {AppContext.BaseDirectory}' >&2; exit 1; }}";
            var start = new ProcessStartInfo(HostTools.Unshare!) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "--net", "--mount", "--propagation", "private", "--", HostTools.Shell, "-c", script })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return "a trial `unshare --net --mount` did not finish within 20 s";
            }

            return process.ExitCode == 0 ? null : $"a trial `unshare --net --mount` sandbox failed (exit {process.ExitCode}): {error.Result.Trim()}";
        }
        catch (Exception e)
        {
            return $"a trial `unshare --net --mount` sandbox could not run ({e.GetType().Name}: {e.Message})";
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
