using Gateway.Configuration;
using OpenTelemetry.Exporter;

namespace Gateway.Telemetry;

/// <summary>
/// Where traces and metrics are exported, read once at start from <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>; <see cref="Endpoint"/> is null when nothing is exported. A value the exporter cannot use stops
/// startup with what would be valid, instead of silently exporting somewhere else.
/// </summary>
internal sealed record OtlpExport(Uri? Endpoint, OtlpExportProtocol Protocol)
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The protocols the OTLP exporter speaks, as the variable names them.</summary>
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>Reads the two variables; throws <see cref="ConfigException"/> for an endpoint that is no http(s) URL or an unknown protocol.</summary>
    public static OtlpExport From(Func<string, string?> environment)
    {
        var protocol = environment(ProtocolVariable)?.Trim() switch
        {
            null or "" or Grpc => OtlpExportProtocol.Grpc,
            HttpProtobuf => OtlpExportProtocol.HttpProtobuf,
            "http/json" => throw new ConfigException(
                $"{ProtocolVariable}=http/json: the OTLP exporter does not support OTLP/HTTP with JSON; valid values: {Grpc}, {HttpProtobuf} "
                + $"(use {HttpProtobuf} for OTLP over HTTP, usually on port 4318)"),
            var other => throw new ConfigException(
                $"{ProtocolVariable}={other}: not an OTLP protocol the exporter supports; valid values: {Grpc}, {HttpProtobuf}"),
        };

        var value = environment(EndpointVariable)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return new OtlpExport(null, protocol);
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigException(
                $"{EndpointVariable}: '{Shown(value)}' is not an http or https URL, such as http://localhost:4317 ({Grpc}) or http://localhost:4318 ({HttpProtobuf})");
        }

        return new OtlpExport(endpoint, protocol);
    }

    /// <summary>The protocol as <see cref="ProtocolVariable"/> names it.</summary>
    public string ProtocolName => Protocol == OtlpExportProtocol.HttpProtobuf ? HttpProtobuf : Grpc;

    /// <summary>The endpoint for logs: scheme, host, port and path, never user info or a query (either may carry a key).</summary>
    public string? EndpointShown => Endpoint is { } uri ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : null;

    /// <summary>The value, repeated unless it has user info or a query, which may carry a key.</summary>
    private static string Shown(string value) => value.IndexOfAny(['@', '?']) >= 0 ? "(the value, not repeated: it may carry credentials)" : value;
}
