namespace Gateway.Tests.ClaudeCode;

/// <summary>Programs on this process's PATH, the way a shell finds them (on Windows also as <c>.cmd</c> and <c>.exe</c>).</summary>
internal static class HostPath
{
    public static string? Find(string name)
    {
        var names = OperatingSystem.IsWindows() ? new[] { name + ".cmd", name + ".exe", name } : [name];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => names.Select(file => Path.Combine(directory, file)))
            .FirstOrDefault(File.Exists);
    }
}
