using Gateway.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace Gateway.Telemetry;

/// <summary>
/// The last line of defence for keys in logs: any log property whose text contains a configured API key has the key replaced by
/// <c>[redacted]</c> before any sink sees it (say an upstream error message quoting the key it was sent).
/// </summary>
internal sealed class SecretRedactor : ILogEventEnricher
{
    public const string Mask = "[redacted]";

    /// <summary>Shorter values are not treated as secrets: masking them would mangle ordinary words.</summary>
    private const int MinimumSecretLength = 8;

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        _secrets = [.. secrets.Where(s => s.Length >= MinimumSecretLength).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A redactor for every key in <paramref name="config"/>: backends' and Azure deployments'.</summary>
    public static SecretRedactor For(GatewayConfig config)
    {
        var secrets = new List<string>();
        foreach (var backend in config.Llm.Backends.Values)
        {
            if (backend.ApiKey is { } key)
            {
                secrets.Add(key);
            }

            foreach (var deployment in backend.Deployments.Values)
            {
                if (deployment.ApiKey is { } deploymentKey)
                {
                    secrets.Add(deploymentKey);
                }
            }
        }

        return new SecretRedactor(secrets);
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (_secrets.Length == 0)
        {
            return;
        }

        List<LogEventProperty>? redacted = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && Redact(text) is { } clean)
            {
                (redacted ??= []).Add(new LogEventProperty(name, new ScalarValue(clean)));
            }
        }

        foreach (var property in redacted ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary><paramref name="text"/> with every secret masked, or null when it holds none.</summary>
    public string? Redact(string text)
    {
        string? result = null;
        foreach (var secret in _secrets)
        {
            if ((result ?? text).Contains(secret, StringComparison.Ordinal))
            {
                result = (result ?? text).Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return result;
    }
}
