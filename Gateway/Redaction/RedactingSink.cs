using Serilog.Core;
using Serilog.Events;

namespace Gateway.Redaction;

/// <summary>
/// Sits in front of the log sinks and masks configured secrets and the user-info of any URL in every string a log event carries
/// (properties, nested values and the exception text) before any sink formats it. Events without either pass through untouched.
/// </summary>
internal sealed class RedactingSink(ILogEventSink inner, SecretRedactor redactor) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        var secrets = redactor.Secrets;
        if (!Mentions(logEvent, secrets))
        {
            inner.Emit(logEvent);
            return;
        }

        var properties = new List<LogEventProperty>(logEvent.Properties.Count);
        foreach (var (name, value) in logEvent.Properties)
        {
            properties.Add(new LogEventProperty(name, Redact(value, secrets)));
        }

        var exception = logEvent.Exception is { } e && secrets.AppearsIn(e.ToString()) ? new RedactedException(e, secrets) : logEvent.Exception;
        inner.Emit(new LogEvent(logEvent.Timestamp, logEvent.Level, exception, logEvent.MessageTemplate, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default));
    }

    private static bool Mentions(LogEvent logEvent, SecretSet secrets)
    {
        // Serilog keeps the properties in a Dictionary; walking it as one spares every event an enumerator on the heap.
        if (logEvent.Properties is Dictionary<string, LogEventPropertyValue> properties)
        {
            foreach (var value in properties.Values)
            {
                if (Mentions(value, secrets))
                {
                    return true;
                }
            }
        }
        else if (AnyMentions(logEvent.Properties.Values, secrets))
        {
            return true;
        }

        return logEvent.Exception is { } e && secrets.AppearsIn(e.ToString());
    }

    private static bool AnyMentions(IEnumerable<LogEventPropertyValue> values, SecretSet secrets) => values.Any(value => Mentions(value, secrets));

    /// <summary>
    /// Whether any string in <paramref name="value"/> holds a secret. Numbers, flags, dates and enum values are skipped: their text
    /// cannot carry a key, and formatting them would cost every log line an allocation per property.
    /// </summary>
    private static bool Mentions(LogEventPropertyValue value, SecretSet secrets)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                return secrets.AppearsIn(text);
            case ScalarValue { Value: null }:
                return false;
            case ScalarValue { Value: var other } when other.GetType().IsPrimitive || other is decimal or Enum or DateTime or DateTimeOffset or TimeSpan:
                return false;
            case ScalarValue { Value: var other }:
                return secrets.AppearsIn(other.ToString());
            case SequenceValue sequence:
                foreach (var element in sequence.Elements)
                {
                    if (Mentions(element, secrets))
                    {
                        return true;
                    }
                }

                return false;
            case StructureValue structure:
                foreach (var property in structure.Properties)
                {
                    if (Mentions(property.Value, secrets))
                    {
                        return true;
                    }
                }

                return false;
            case DictionaryValue dictionary:
                foreach (var (key, element) in dictionary.Elements)
                {
                    if (Mentions(key, secrets) || Mentions(element, secrets))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static LogEventPropertyValue Redact(LogEventPropertyValue value, SecretSet secrets) => value switch
    {
        ScalarValue { Value: string text } => new ScalarValue(secrets.Redact(text)),
        ScalarValue { Value: { } other } when secrets.AppearsIn(other.ToString()) => new ScalarValue(secrets.Redact(other.ToString()!)),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(element => Redact(element, secrets))),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Value, secrets))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(pair =>
            new KeyValuePair<ScalarValue, LogEventPropertyValue>((ScalarValue)Redact(pair.Key, secrets), Redact(pair.Value, secrets)))),
        _ => value,
    };

    /// <summary>Stands in for an exception whose text mentions a secret: same type name and stack, secrets masked.</summary>
    private sealed class RedactedException(Exception original, SecretSet secrets) : Exception(secrets.Redact(original.Message))
    {
        private readonly string _text = secrets.Redact(original.ToString());

        public override string ToString() => _text;
    }
}
