using Gateway.Api;
using Gateway.Hosting;

namespace Gateway.Security;

/// <summary>
/// Masks the secrets of the config in force (and, for a moment after a reload, of the one before) in text that leaves the process:
/// log events, error bodies, readiness reports. The secret set is rebuilt only when the config changes.
/// </summary>
internal sealed class SecretRedactor(GatewayRuntime runtime)
{
    private volatile SetFor? _current;

    public SecretSet Secrets => Current();

    public string Redact(string text) => Current().Redact(text);

    public ApiError Redact(ApiError error)
    {
        var secrets = Current();
        return secrets.AppearsIn(error.Message) || secrets.AppearsIn(error.Param) || secrets.AppearsIn(error.Code)
            ? error with
            {
                Message = secrets.Redact(error.Message),
                Param = error.Param is null ? null : secrets.Redact(error.Param),
                Code = error.Code is null ? null : secrets.Redact(error.Code),
            }
            : error;
    }

    private SecretSet Current()
    {
        var config = runtime.Current.Config;
        var cached = _current;
        if (cached is not null && ReferenceEquals(cached.Config, config))
        {
            return cached.Masked;
        }

        // The previous secrets stay masked too: requests begun before a reload may still use (and mention) them.
        var secrets = SecretSet.From(config).With(cached?.Own);
        _current = new SetFor(config, SecretSet.From(config), secrets);
        return secrets;
    }

    private sealed record SetFor(Gateway.Configuration.GatewayConfig Config, SecretSet Own, SecretSet Masked);
}
