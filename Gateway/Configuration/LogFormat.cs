namespace Gateway.Configuration;

/// <summary>How log lines are written: <c>text</c> for people, <c>json</c> (compact JSON, one event per line) for collectors.</summary>
internal enum LogFormat
{
    Text,
    Json,
}
