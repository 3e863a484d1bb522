namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>Paths inside a container: always <c>/</c>-separated and absolute, whatever machine the tests run on.</summary>
internal static class ContainerPath
{
    /// <summary><paramref name="path"/> made absolute against <paramref name="directory"/>, with <c>.</c>, <c>..</c> and doubled slashes resolved.</summary>
    public static string Resolve(string directory, string path)
    {
        var parts = new List<string>();
        foreach (var part in (path.StartsWith('/') ? path : directory + "/" + path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return "/" + string.Join('/', parts);
    }

    public static string Combine(string directory, string name) => Resolve(directory, name);

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or below it.</summary>
    public static bool IsWithin(string path, string directory) =>
        path == directory || directory == "/" || path.StartsWith(directory + "/", StringComparison.Ordinal);

    /// <summary><paramref name="path"/> relative to <paramref name="directory"/> (which holds it), empty for the directory itself.</summary>
    public static string Relative(string path, string directory) =>
        path == directory ? "" : directory == "/" ? path[1..] : path[(directory.Length + 1)..];
}
