namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>The programs of this machine that set up and enter a sandbox, found on this process's PATH, and the dotnet host.</summary>
internal static class HostTools
{
    public const string Shell = "/bin/sh";

    public static string? Unshare => Find("unshare");

    public static string? Nsenter => Find("nsenter");

    public static string? Ip => Find("ip");

    public static string? Setpriv => Find("setpriv");

    public static string? Mount => Find("mount");

    /// <summary>The <c>dotnet</c> muxer running these tests (<c>DOTNET_HOST_PATH</c>), else the one on PATH.</summary>
    public static string? Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : Find("dotnet");

    public static string Require(string? path, string name) => path ?? throw new InvalidOperationException($"{name} is not on PATH");

    /// <summary><paramref name="name"/> in the directories of <paramref name="path"/> (this process's PATH when null, plus the sbin folders).</summary>
    public static string? Find(string name, string? path = null)
    {
        var directories = (path ?? Environment.GetEnvironmentVariable("PATH") + ":/usr/local/sbin:/usr/sbin:/sbin").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return directories.Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
    }
}
