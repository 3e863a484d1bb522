using Gateway.Configuration;
using Gateway.Redaction;
using Gateway.Runtime;
using Gateway.Security;

namespace Gateway.Hosting;

/// <summary>
/// Watches the config file and applies edits without a restart. The file is read every <see cref="ConfigWatchOptions.Interval"/> and
/// compared by content (polling works on bind mounts, network shares and symlink swaps, where change notifications are unreliable);
/// new content applies once it reads the same twice in a row, so a file caught halfway through being written is never loaded.
/// A bad edit is logged with the same message as at startup and the last good config keeps serving.
/// </summary>
internal sealed partial class ConfigReloader(
    ConfigSource source,
    GatewayRuntime runtime,
    SecretRedactor redactor,
    ListenAddresses listen,
    ConfigWatchOptions options,
    TimeProvider time,
    ILogger<ConfigReloader> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private string? _pending;
    private string? _rejected;
    private bool _missing;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = time.CreateTimer(_ => Check(), null, options.Interval, options.Interval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>Looks at the file once and applies it when it has changed and settled.</summary>
    internal ConfigCheck Check()
    {
        if (!_gate.TryEnter())
        {
            return ConfigCheck.Busy;
        }

        try
        {
            var current = runtime.Current.Config;
            if (!current.Server.Reload)
            {
                return ConfigCheck.Off;
            }

            if (Read() is not { } text)
            {
                return ConfigCheck.Unreadable;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                // A file caught between being truncated and written; no config is empty.
                return ConfigCheck.Settling;
            }

            var version = ConfigVersion.Of(text);
            if (version == current.Version || version == _rejected)
            {
                _pending = null;
                return ConfigCheck.Unchanged;
            }

            if (version != _pending)
            {
                _pending = version;
                return ConfigCheck.Settling;
            }

            _pending = null;
            return Apply(text, version, current);
        }
        finally
        {
            _gate.Exit();
        }
    }

    private ConfigCheck Apply(string text, string version, GatewayConfig current)
    {
        GatewayConfig next;
        try
        {
            next = ConfigLoader.Parse(text, source.Path, source.Environment);
        }
        catch (ConfigException e)
        {
            _rejected = version;
            LogRejected(logger, current.Version, e.Message);
            return ConfigCheck.Rejected;
        }

        if (listen.Refusal(next.Server) is { } refusal)
        {
            _rejected = version;
            LogRejected(logger, current.Version, $"{source.Path}: server: {refusal}");
            return ConfigCheck.Rejected;
        }

        redactor.Update(next);
        runtime.Apply(next);
        LogReloaded(logger, source.Path, current.Version, next.Version);
        foreach (var warning in next.Warnings)
        {
            LogReloadWarning(logger, warning);
        }

        if (LiteralKeyWarning.For(next) is { } exposed)
        {
            LogReloadWarning(logger, exposed);
        }

        return ConfigCheck.Applied;
    }

    private string? Read()
    {
        try
        {
            var text = File.ReadAllText(source.Path);
            _missing = false;
            return text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!_missing)
            {
                _missing = true;
                LogUnreadable(logger, source.Path, runtime.Current.Config.Version, e.Message);
            }

            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Config reloaded from {Path}: version {OldVersion} -> {NewVersion}")]
    private static partial void LogReloaded(ILogger logger, string path, string oldVersion, string newVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "Config edit rejected; still serving version {Version}. The configuration is invalid:\n{Problems}")]
    private static partial void LogRejected(ILogger logger, string version, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Config: {Warning}")]
    private static partial void LogReloadWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Config file {Path} cannot be read ({Reason}); still serving version {Version}")]
    private static partial void LogUnreadable(ILogger logger, string path, string version, string reason);
}

/// <summary>What one look at the config file found.</summary>
internal enum ConfigCheck
{
    Unchanged,
    Settling,
    Applied,
    Rejected,
    Unreadable,
    Off,
    Busy,
}
