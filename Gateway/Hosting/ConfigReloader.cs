using Gateway.Configuration;
using Gateway.Redaction;
using Gateway.Runtime;
using Gateway.Security;

namespace Gateway.Hosting;

/// <summary>
/// Watches the config file and applies edits without a restart. The file is read every <see cref="ConfigWatchOptions.Interval"/> and
/// compared by content (polling works on bind mounts, network shares and symlink swaps, where change notifications are unreliable);
/// new content applies once it reads the same twice in a row, so a file caught halfway through being written is never loaded.
/// A bad edit is logged with the same message as at startup and the last good config keeps serving. A file that stays empty (two looks
/// in a row; an editor mid-save empties it for a moment) or cannot be read is a warning once per state, not on every look, and the config
/// in force keeps serving; the first good version after any of these is logged as accepted.
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
    private FileProblem _problem;
    private bool _emptyOnce;

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
                return Empty(current);
            }

            _emptyOnce = false;
            var version = ConfigVersion.Of(text);
            if (version == current.Version || version == _rejected)
            {
                _pending = null;
                if (version == current.Version && _problem != FileProblem.None)
                {
                    _problem = FileProblem.None;
                    LogRestored(logger, source.Path, version);
                }

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

    /// <summary>A file caught between being truncated and written is left to settle; one that stays empty is said once.</summary>
    private ConfigCheck Empty(GatewayConfig current)
    {
        _pending = null;
        if (!_emptyOnce)
        {
            _emptyOnce = true;
            return ConfigCheck.Settling;
        }

        if (_problem != FileProblem.Empty)
        {
            _problem = FileProblem.Empty;
            LogEmpty(logger, source.Path, current.Version);
        }

        return ConfigCheck.Empty;
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
            _problem = FileProblem.Rejected;
            LogRejected(logger, current.Version, e.Message);
            return ConfigCheck.Rejected;
        }

        if (listen.Refusal(next.Server) is { } refusal)
        {
            _rejected = version;
            _problem = FileProblem.Rejected;
            LogRejected(logger, current.Version, $"{source.Path}: server: {refusal}");
            return ConfigCheck.Rejected;
        }

        redactor.Update(next);
        runtime.Apply(next);
        if (_problem == FileProblem.None)
        {
            LogReloaded(logger, source.Path, current.Version, next.Version);
        }
        else
        {
            LogAccepted(logger, source.Path, next.Version, Describe(_problem), current.Version);
            _problem = FileProblem.None;
        }

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
            return File.ReadAllText(source.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _pending = null;
            _emptyOnce = false;
            if (_problem != FileProblem.Unreadable)
            {
                _problem = FileProblem.Unreadable;
                LogUnreadable(logger, source.Path, runtime.Current.Config.Version, e.Message);
            }

            return null;
        }
    }

    /// <summary>What is wrong with the config file as last looked at, said once per state.</summary>
    private enum FileProblem
    {
        None,
        Empty,
        Unreadable,
        Rejected,
    }

    private static string Describe(FileProblem problem) => problem switch
    {
        FileProblem.Empty => "an empty file",
        FileProblem.Unreadable => "an unreadable file",
        _ => "a rejected edit",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Config reloaded from {Path}: version {OldVersion} -> {NewVersion}")]
    private static partial void LogReloaded(ILogger logger, string path, string oldVersion, string newVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Config reloaded from {Path}: version {NewVersion} accepted after {Problem}; was serving {OldVersion}")]
    private static partial void LogAccepted(ILogger logger, string path, string newVersion, string problem, string oldVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Config file {Path} reads as version {Version} again, the one in force")]
    private static partial void LogRestored(ILogger logger, string path, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Config file {Path} is empty; still serving version {Version}")]
    private static partial void LogEmpty(ILogger logger, string path, string version);

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
    Empty,
    Off,
    Busy,
}
