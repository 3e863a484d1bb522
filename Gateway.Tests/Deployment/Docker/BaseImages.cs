namespace Gateway.Tests.Deployment.Docker;

/// <summary>
/// What the base images bring that no file of this repository says: the environment and accounts each one documents. A Dockerfile on
/// another base image fails here, naming the images known, rather than being started with a guessed environment.
/// </summary>
internal static class BaseImages
{
    /// <summary>The PATH Docker gives a Linux container whose image sets none (the Debian/Ubuntu bases do not).</summary>
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static readonly ImageUser Root = new("root", 0, 0, "/root");

    /// <summary>The runtime-deps layer under every .NET image: the unprivileged <c>app</c> account and the web-server defaults.</summary>
    private static readonly Dictionary<string, string> DotnetRuntimeDeps = new(StringComparer.Ordinal)
    {
        ["PATH"] = DefaultPath,
        ["APP_UID"] = "1654",
        ["ASPNETCORE_HTTP_PORTS"] = "8080",
        ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
    };

    private static readonly ImageUser App = new("app", 1654, 1654, "/home/app");

    public static ImageConfig For(string reference) => reference switch
    {
        "mcr.microsoft.com/dotnet/aspnet:10.0" or "mcr.microsoft.com/dotnet/runtime:10.0" or "mcr.microsoft.com/dotnet/runtime-deps:10.0" =>
            new ImageConfig { Name = reference, Environment = DotnetRuntimeDeps, Users = [Root, App] },
        "mcr.microsoft.com/dotnet/sdk:10.0" =>
            new ImageConfig { Name = reference, Environment = DotnetRuntimeDeps, Users = [Root, App] },
        _ => throw new NotSupportedException(
            $"FROM {reference}: these tests know the environment and accounts of mcr.microsoft.com/dotnet/{{aspnet,runtime,runtime-deps,sdk}}:10.0 only; "
            + "add the new base image's documented ENV and users to BaseImages."),
    };
}
