using System.Security.Cryptography;
using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;

namespace Gateway.Tests.Containers;

/// <summary>
/// The gateway's own image, built from the repository's Dockerfile on first use (never when every test is skipped) and run the way the
/// README and compose file run it: <c>GATEWAY_API_KEY</c> set, a config with the built-in mock backend at <c>/app/config/config.yaml</c>,
/// port 8080 published. Started means the image's own <c>HEALTHCHECK</c> reported healthy.
/// </summary>
public sealed class GatewayImageContainer : IAsyncLifetime
{
    /// <summary>The feed the Dockerfile's <c>dotnet restore</c> downloads packages from.</summary>
    public static readonly Uri RestoreFeed = new("https://api.nuget.org/v3/index.json");

    private const string ImageName = "llm-gateway:container-tests";
    private const ushort Port = 8080;
    private const string Config = """
        llm:
          mock: {}
        server:
          api_keys: ["${GATEWAY_API_KEY}"]
        """;

    private static readonly Lazy<DirectoryInfo?> Repository = new(FindRepository);

    private readonly Lazy<Task<Uri>> _url;
    private IFutureDockerImage? _image;
    private IContainer? _container;

    public GatewayImageContainer() => _url = new Lazy<Task<Uri>>(StartAsync);

    /// <summary>The key clients present, random per run.</summary>
    public static string ApiKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The container's health as Docker last reported it.</summary>
    public TestcontainersHealthStatus Health => _container?.Health ?? TestcontainersHealthStatus.Undefined;

    /// <summary>The images the Dockerfile builds from (its <c>FROM</c> lines, earlier stages left out); none where there is no Dockerfile.</summary>
    public static IReadOnlyList<string> BaseImages()
    {
        if (Repository.Value is not { } repository)
        {
            return [];
        }

        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var images = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(repository.FullName, "Dockerfile")))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToArray();
            if (words is not [var from, var image, ..] || !from.Equals("FROM", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!stages.Contains(image) && image != "scratch" && !images.Contains(image))
            {
                images.Add(image);
            }

            if (words is [_, _, var keyword, var stage, ..] && keyword.Equals("AS", StringComparison.OrdinalIgnoreCase))
            {
                stages.Add(stage);
            }
        }

        return images;
    }

    /// <summary>A client on the running gateway, building and starting it the first time.</summary>
    public async Task<HttpClient> ClientAsync() => new() { BaseAddress = await _url.Value, Timeout = TimeSpan.FromSeconds(30) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_image is not null)
        {
            await _image.DeleteAsync();
            await _image.DisposeAsync();
        }
    }

    private async Task<Uri> StartAsync()
    {
        var repository = Repository.Value
            ?? throw new InvalidOperationException($"No Dockerfile beside a Gateway.sln above {AppContext.BaseDirectory}: this test builds the repository's Dockerfile.");

        _image = new ImageFromDockerfileBuilder()
            .WithContextDirectory(repository.FullName)
            .WithDockerfileDirectory(repository.FullName)
            .WithDockerfile("Dockerfile")
            .WithName(ImageName)
            .WithDeleteIfExists(true)
            .Build();
        await _image.CreateAsync();

        _container = new ContainerBuilder(_image)
            .WithEnvironment("GATEWAY_API_KEY", ApiKey)
            .WithResourceMapping(Encoding.UTF8.GetBytes(Config), "/app/config/config.yaml")
            .WithPortBinding(Port, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy(failingStreak: 3, wait => wait.WithTimeout(TimeSpan.FromMinutes(3))))
            .Build();
        await _container.StartAsync();

        return new UriBuilder(Uri.UriSchemeHttp, _container.Hostname, _container.GetMappedPublicPort(Port)).Uri;
    }

    private static DirectoryInfo? FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gateway.sln")) && File.Exists(Path.Combine(directory.FullName, "Dockerfile")))
            {
                return directory;
            }
        }

        return null;
    }
}
