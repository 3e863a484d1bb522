using System.Text.Json;
using System.Xml.Linq;
using Gateway.Hosting;
using static Gateway.Tests.Configuration.ConfigFixture;

namespace Gateway.Tests.Deployment;

/// <summary>The Dockerfile builds this project and runs it the documented way, checked without a Docker engine.</summary>
public sealed class DockerfileTests
{
    private static readonly List<(string Instruction, string Arguments)> Instructions = Read(Path.Combine(RepositoryRoot(), "Dockerfile"));

    [Fact]
    public void Stages_BuildOnTheSdkAndRunOnTheAspNetRuntime()
    {
        var from = Arguments("FROM");

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0 AS build", "mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime"], from);
        Assert.Contains(Arguments("COPY"), copy => copy.StartsWith("--from=build /app/publish", StringComparison.Ordinal));
    }

    [Fact]
    public void Entrypoint_RunsThePublishedAssemblyOfTheGatewayProject()
    {
        var assembly = XDocument.Load(Path.Combine(RepositoryRoot(), "Gateway", "Gateway.csproj")).Descendants("AssemblyName").Single().Value;

        var entrypoint = Exec("ENTRYPOINT");

        Assert.Equal(["dotnet", $"/app/{assembly}.dll"], entrypoint);
        Assert.Equal("/app", Arguments("WORKDIR")[^1]);
        Assert.Contains(Arguments("RUN"), run => run.Contains("dotnet publish Gateway/Gateway.csproj", StringComparison.Ordinal) && run.Contains("--output /app/publish", StringComparison.Ordinal));
    }

    [Fact]
    public void Healthcheck_AsksTheGatewayItselfWithTheHealthCheckFlag()
    {
        var healthcheck = Arguments("HEALTHCHECK").Single();
        var command = healthcheck[(healthcheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..];

        Assert.Equal([.. Exec("ENTRYPOINT"), HealthCheckCommand.Flag], JsonSerializer.Deserialize<string[]>(command)!);
        Assert.Equal("http://127.0.0.1:8080/health", HealthCheckCommand.UrlFrom(Env()["ASPNETCORE_URLS"]));
    }

    [Fact]
    public void Runtime_ListensOn8080OnAllInterfacesAndReadsTheMountedConfig()
    {
        var env = Env();

        Assert.Equal("http://0.0.0.0:8080", env["ASPNETCORE_URLS"]);
        Assert.Equal("/app/config/config.yaml", env["GATEWAY_CONFIG"]);
        Assert.Equal(["8080"], Arguments("EXPOSE"));
        Assert.Contains($"config/config.docker.yaml {env["GATEWAY_CONFIG"]}", Arguments("COPY"));
    }

    [Fact]
    public void Runtime_RunsAsANonRootUser()
    {
        var user = Arguments("USER").Single();

        Assert.Equal("$APP_UID", user);
    }

    [Fact]
    public void BuildContext_HoldsEveryFileTheBuildCopies()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryRoot(), ".dockerignore")).Where(line => line.Length > 0 && line[0] != '#').ToList();

        var sources = Arguments("COPY").Where(copy => !copy.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(copy => copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]);

        Assert.All(sources, source =>
        {
            Assert.True(File.Exists(Path.Combine(RepositoryRoot(), source)) || Directory.Exists(Path.Combine(RepositoryRoot(), source)), $"COPY source {source} does not exist");
            Assert.DoesNotContain(ignored, pattern => source.StartsWith(pattern.TrimStart('*', '/'), StringComparison.Ordinal));
        });
    }

    private static List<string> Arguments(string instruction) =>
        Instructions.Where(i => i.Instruction == instruction).Select(i => i.Arguments).ToList();

    private static string[] Exec(string instruction) => JsonSerializer.Deserialize<string[]>(Arguments(instruction).Single())!;

    private static Dictionary<string, string> Env() => Arguments("ENV")
        .SelectMany(env => env.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    /// <summary>The instructions in order: comments dropped, <c>\</c> continuations joined, runs of spaces collapsed.</summary>
    private static List<(string, string)> Read(string path)
    {
        var instructions = new List<(string, string)>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            pending += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (line.EndsWith('\\'))
            {
                continue;
            }

            var words = pending.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0)
            {
                instructions.Add((words[0].ToUpperInvariant(), string.Join(' ', words[1..])));
            }

            pending = "";
        }

        return instructions;
    }
}
