using System.Globalization;
using System.Runtime.InteropServices;

namespace StreamProbe;

/// <summary>What the numbers were measured on: cores, memory, CPU model, OS, runtime and how busy the machine was.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var memory = ProcField("/proc/meminfo", "MemTotal:") is { } kb && long.TryParse(kb.Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), out var total)
            ? $"{total / 1024.0 / 1024.0:0.0} GiB"
            : "unknown";
        var cpu = ProcField("/proc/cpuinfo", "model name") is { } model ? model.TrimStart(':', ' ', '\t') : RuntimeInformation.ProcessArchitecture.ToString();
        var os = ProcField("/etc/os-release", "PRETTY_NAME=")?.Trim('"') ?? RuntimeInformation.OSDescription;
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({cpu}), {memory} memory, {os}, {RuntimeInformation.FrameworkDescription}; load average at the end: {load}");
    }

    private static string? ProcField(string path, string prefix)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line[prefix.Length..].Trim();
            }
        }

        return null;
    }
}
