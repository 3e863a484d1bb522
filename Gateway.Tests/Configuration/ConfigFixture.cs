using Gateway.Configuration;

namespace Gateway.Tests.Configuration;

/// <summary>Shared helpers: parse YAML text with a dictionary-backed environment, and find files of the repository.</summary>
internal static class ConfigFixture
{
    public const string Source = "test.yaml";

    public static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => values.TryGetValue(name, out var value) ? value : null;
    }

    public static GatewayConfig Parse(string yaml, params (string Name, string Value)[] variables) =>
        ConfigLoader.Parse(yaml, Source, Environment(variables));

    /// <summary>The full message of the <see cref="ConfigException"/> parsing <paramref name="yaml"/> throws.</summary>
    public static string ParseError(string yaml, params (string Name, string Value)[] variables) =>
        Assert.Throws<ConfigException>(() => Parse(yaml, variables)).Message;

    /// <summary>The folder holding <c>Gateway.sln</c>, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Gateway.sln above {AppContext.BaseDirectory}");
    }

    public static string SeedExample(string fileName) => Path.Combine(AppContext.BaseDirectory, "Configuration", "SeedExamples", fileName);
}
