using Gateway.Configuration;
using Gateway.Hosting;
using Gateway.Redaction;
using Gateway.Routing;
using Gateway.Runtime;
using Gateway.Security;
using Gateway.Tests.Backends.Anthropic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Security;

/// <summary>The watcher on its own, on a fake clock: when an edit applies, when it is rejected, and what is logged.</summary>
public sealed class ConfigReloaderTests : IDisposable
{
    private const string Good = "llm:\n  ollama:\n    models: { generator: \"llama3.2\" }\n";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"gateway-reload-{Guid.NewGuid():N}.yaml");
    private readonly FakeTimeProvider _time = new();
    private readonly ListLogger<ConfigReloader> _log = new();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task Edit_AppliesOnceItReadsTheSameTwice()
    {
        var (runtime, reloader) = await StartAsync(Good);

        await File.WriteAllTextAsync(_path, Good.Replace("llama3.2", "qwen2.5", StringComparison.Ordinal));
        _time.Advance(Interval);
        var afterOneLook = runtime.Current.Config.Llm.Backends["ollama"].Models["generator"];
        _time.Advance(Interval);

        Assert.Equal("llama3.2", afterOneLook);
        Assert.Equal("qwen2.5", runtime.Current.Config.Llm.Backends["ollama"].Models["generator"]);
        Assert.Equal(ConfigVersion.Of(await File.ReadAllTextAsync(_path)), runtime.Current.Config.Version);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("Config reloaded", StringComparison.Ordinal));
        await reloader.StopAsync(default);
    }

    [Fact]
    public async Task BadEdit_RejectedWithTheStartupMessageOnceAndTheLastGoodConfigServes()
    {
        var (runtime, _) = await StartAsync(Good);
        var before = runtime.Current;

        await File.WriteAllTextAsync(_path, Good + "  fallback_backends: [opneai]\n");
        _time.Advance(Interval);
        _time.Advance(Interval);
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Same(before, runtime.Current);
        var error = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains($"still serving version {before.Config.Version}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{_path}:4:23: llm.fallback_backends[0]: unknown backend 'opneai'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadEditThenFix_TheFixApplies()
    {
        var (runtime, _) = await StartAsync(Good);
        await File.WriteAllTextAsync(_path, "llm: [\n");
        _time.Advance(Interval);
        _time.Advance(Interval);

        await File.WriteAllTextAsync(_path, Good + "  backend: ollama\n");
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Equal(ConfigVersion.Of(Good + "  backend: ollama\n"), runtime.Current.Config.Version);
        var accepted = Assert.Single(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("accepted", StringComparison.Ordinal));
        Assert.Contains($"version {runtime.Current.Config.Version} accepted after a rejected edit", accepted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileEmptyForOneLook_NothingSaid()
    {
        var (runtime, _) = await StartAsync(Good);
        var before = runtime.Current;

        await File.WriteAllTextAsync(_path, "");
        _time.Advance(Interval);
        await File.WriteAllTextAsync(_path, Good);
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Same(before, runtime.Current);
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task FileStaysEmpty_WarnsOnceAndKeepsServing()
    {
        var (runtime, reloader) = await StartAsync(Good);
        var before = runtime.Current;

        await File.WriteAllTextAsync(_path, "  \n");
        _time.Advance(Interval);
        _time.Advance(Interval);
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Same(before, runtime.Current);
        Assert.Equal(ConfigCheck.Empty, reloader.Check());
        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains($"{_path} is empty; still serving version {before.Config.Version}", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileEmptyThenFixed_TheNewVersionIsLoggedAsAccepted()
    {
        var (runtime, _) = await StartAsync(Good);
        var edited = Good + "  backend: ollama\n";

        await File.WriteAllTextAsync(_path, "");
        _time.Advance(Interval);
        _time.Advance(Interval);
        await File.WriteAllTextAsync(_path, edited);
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Equal(ConfigVersion.Of(edited), runtime.Current.Config.Version);
        var accepted = Assert.Single(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("accepted", StringComparison.Ordinal));
        Assert.Contains($"version {ConfigVersion.Of(edited)} accepted after an empty file", accepted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileUnreadableThenRestored_WarnsOnceThenSaysItReadsAgain()
    {
        var (runtime, _) = await StartAsync(Good);
        var before = runtime.Current;

        // A directory in the file's place cannot be read even by root, for whom a chmod would change nothing.
        File.Delete(_path);
        Directory.CreateDirectory(_path);
        _time.Advance(Interval);
        _time.Advance(Interval);
        _time.Advance(Interval);
        Directory.Delete(_path);
        await File.WriteAllTextAsync(_path, Good);
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Same(before, runtime.Current);
        Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("cannot be read", StringComparison.Ordinal));
        var restored = Assert.Single(_log.Entries, e => e.Level == LogLevel.Information);
        Assert.Contains($"reads as version {before.Config.Version} again", restored.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditRemovingKeysWhileListeningBeyondLoopback_Rejected()
    {
        var withKeys = Good + "server:\n  api_keys: [\"gw-key-0123456789abcdef\"]\n";
        var (runtime, _) = await StartAsync(withKeys, new ListenAddresses(["http://0.0.0.0:8080"], ["http://0.0.0.0:8080"]));

        await File.WriteAllTextAsync(_path, Good);
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.True(runtime.Current.Config.Server.RequiresKey);
        var error = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("server.allow_anonymous", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadOff_EditsIgnored()
    {
        var off = Good + "server:\n  reload: false\n";
        var (runtime, _) = await StartAsync(off);

        await File.WriteAllTextAsync(_path, Good);
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Equal(ConfigVersion.Of(off), runtime.Current.Config.Version);
    }

    [Fact]
    public async Task FileRemoved_KeepsServingAndSaysSoOnce()
    {
        var (runtime, _) = await StartAsync(Good);
        var before = runtime.Current;

        File.Delete(_path);
        _time.Advance(Interval);
        _time.Advance(Interval);

        Assert.Same(before, runtime.Current);
        Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("cannot be read", StringComparison.Ordinal));
    }

    private async Task<(GatewayRuntime Runtime, ConfigReloader Reloader)> StartAsync(string yaml, ListenAddresses? listen = null)
    {
        await File.WriteAllTextAsync(_path, yaml);
        Func<string, string?> environment = _ => null;
        var config = ConfigLoader.Load(_path, environment);
        var runtime = new GatewayRuntime(config, new EndpointPools(), _time);
        var reloader = new ConfigReloader(
            new ConfigSource(_path, environment),
            runtime,
            new SecretRedactor(config),
            listen ?? new ListenAddresses(["http://127.0.0.1:8080"], []),
            new ConfigWatchOptions { Interval = Interval },
            _time,
            _log);
        await reloader.StartAsync(default);
        return (runtime, reloader);
    }
}
