using Gateway.Configuration;
using Gateway.Exchange;

namespace Gateway.Redaction;

/// <summary>
/// Masks the secrets of the config in force, and of the one before it, in text that leaves the process: log events, error bodies,
/// readiness reports. It depends on nothing but the startup config, so the logging pipeline can use it before any other service exists;
/// the config watcher hands it each config it applies.
/// </summary>
internal sealed class SecretRedactor(GatewayConfig startup)
{
    private volatile State _state = new(SecretSet.From(startup), SecretSet.From(startup));

    public SecretSet Secrets => _state.Masked;

    /// <summary>
    /// Masks <paramref name="config"/>'s secrets from now on. The previous config's stay masked too: requests begun before a reload may
    /// still use, and mention, them.
    /// </summary>
    public void Update(GatewayConfig config)
    {
        var own = SecretSet.From(config);
        _state = new State(own, own.With(_state.Own));
    }

    public string Redact(string text) => _state.Masked.Redact(text);

    public ApiError Redact(ApiError error)
    {
        var secrets = _state.Masked;
        return secrets.AppearsIn(error.Message) || secrets.AppearsIn(error.Param) || secrets.AppearsIn(error.Code)
            ? error with
            {
                Message = secrets.Redact(error.Message),
                Param = error.Param is null ? null : secrets.Redact(error.Param),
                Code = error.Code is null ? null : secrets.Redact(error.Code),
                WireError = error.WireError is null ? null : secrets.Redact(error.WireError),
            }
            : error;
    }

    private sealed record State(SecretSet Own, SecretSet Masked);
}
