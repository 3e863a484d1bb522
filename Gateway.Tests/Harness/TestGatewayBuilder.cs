using Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Harness;

/// <summary>
/// What a test changes about the gateway it starts; everything it leaves alone is the same for every test: the config written to a
/// temp file, a free loopback port, the machine's environment hidden (so tests behave the same wherever they run, whatever provider
/// keys are set), warnings and up logged into <see cref="LogCapture"/>, the system clock, and a config watcher that looks so rarely that
/// nothing reloads unless the test moves a fake clock on.
/// </summary>
internal sealed class TestGatewayBuilder(string yaml)
{
    /// <summary>How often the config file is looked at unless a test says otherwise: never, in a test's lifetime on the real clock.</summary>
    private static readonly TimeSpan DefaultWatchInterval = TimeSpan.FromHours(1);

    private readonly Dictionary<string, string> _environment = [];
    private readonly List<Action<IServiceCollection>> _services = [];
    private LogLevel _logLevel = LogLevel.Warning;
    private TimeSpan _watchInterval = DefaultWatchInterval;
    private FakeTimeProvider? _clock;
    private UnixFileMode? _fileMode;
    private bool _inProcess;

    /// <summary>Environment variables the gateway sees (for <c>${VAR}</c> in the config, provider keys, debug switches); none else.</summary>
    public TestGatewayBuilder WithEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        foreach (var (name, value) in variables)
        {
            _environment[name] = value;
        }

        return this;
    }

    public TestGatewayBuilder WithVariable(string name, string value)
    {
        _environment[name] = value;
        return this;
    }

    /// <summary>Runs after the gateway's own wiring and the harness's settings, e.g. to replace or decorate a service.</summary>
    public TestGatewayBuilder WithServices(Action<IServiceCollection> services)
    {
        _services.Add(services);
        return this;
    }

    /// <summary>The lowest level that reaches the log (and <see cref="TestGateway.Logs"/>); warnings unless a test reads more.</summary>
    public TestGatewayBuilder LogAt(LogLevel level)
    {
        _logLevel = level;
        return this;
    }

    /// <summary>
    /// The gateway runs on a <see cref="FakeTimeProvider"/> (<see cref="TestGateway.Clock"/>), starting now: timeouts, cooldowns,
    /// durations and the config watcher move only when the test advances it.
    /// </summary>
    public TestGatewayBuilder WithFakeTime()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return this;
    }

    /// <summary>How often the config file is looked at for edits.</summary>
    public TestGatewayBuilder WatchConfigEvery(TimeSpan interval)
    {
        _watchInterval = interval;
        return this;
    }

    /// <summary>The config file's permissions (Unix only; ignored on Windows).</summary>
    public TestGatewayBuilder WithConfigFileMode(UnixFileMode mode)
    {
        _fileMode = mode;
        return this;
    }

    /// <summary>
    /// Serves in process (ASP.NET Core's TestServer: no socket) where HTTP framing is not the point and speed is; only
    /// <see cref="TestGateway.Http"/> and what is built on it reach such a gateway.
    /// </summary>
    public TestGatewayBuilder InProcess()
    {
        _inProcess = true;
        return this;
    }

    public async Task<TestGateway> StartAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gateway-test-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, yaml);
        if (_fileMode is { } mode && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }

        var logs = new LogCapture();
        var environment = new Dictionary<string, string>(_environment);
        WebApplication? app = null;
        try
        {
            app = GatewayApp.Build(["--config", path, "--urls", "http://127.0.0.1:0"], Configure, name => environment.GetValueOrDefault(name));
            await app.StartAsync();
            return new TestGateway(app, path, logs, _clock, _watchInterval, _inProcess);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            File.Delete(path);
            throw;
        }

        void Configure(WebApplicationBuilder builder)
        {
            if (_inProcess)
            {
                builder.WebHost.UseTestServer();
            }

            builder.Logging.SetMinimumLevel(_logLevel);
            builder.Services.AddSingleton<Serilog.Core.ILogEventSink>(logs);
            builder.Services.AddSingleton(new ConfigWatchOptions { Interval = _watchInterval });
            if (_clock is not null)
            {
                builder.Services.AddSingleton<TimeProvider>(_clock);
            }

            foreach (var services in _services)
            {
                services(builder.Services);
            }
        }
    }
}
