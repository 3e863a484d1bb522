namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>
/// Finds the program a container runs. The sandbox shares this machine's root except for the image's own folder, so a name is looked up
/// on the container's PATH here; <c>dotnet</c>, which the .NET images provide, is this machine's dotnet host when PATH has none.
/// </summary>
internal static class ContainerPrograms
{
    public static string Resolve(string program, IReadOnlyDictionary<string, string> environment)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return program;
        }

        var found = HostTools.Find(program, environment.GetValueOrDefault("PATH") ?? "");
        if (found is null && program == "dotnet")
        {
            found = HostTools.Dotnet;
        }

        return found ?? throw new NotSupportedException($"the container runs '{program}', which is on neither its PATH nor this machine");
    }
}
