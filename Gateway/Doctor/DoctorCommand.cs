using Gateway.Backends;
using Gateway.Backends.Anthropic;
using Gateway.Backends.Azure;
using Gateway.Backends.Ollama;
using Gateway.Backends.OpenAI;
using Gateway.Configuration;
using Gateway.Dispatch;
using Gateway.Redaction;

namespace Gateway.Doctor;

/// <summary>
/// <c>Gateway doctor [--config file]</c> once the config is loaded: for every backend and endpoint, whether it answers, whether the key
/// is present and accepted, and whether each configured model is there (Ollama <c>/api/tags</c>, OpenAI-compatible and Anthropic
/// <c>/v1/models</c>), one line each with the fix. Exit code 0 only when every check passed, 1 otherwise.
/// </summary>
internal static class DoctorCommand
{
    public static Task<int> RunAsync(GatewayConfig config, TextWriter output, CancellationToken cancellationToken = default) =>
        RunAsync(config, output, TimeProvider.System, cancellationToken);

    /// <summary>As <see cref="RunAsync(GatewayConfig, TextWriter, CancellationToken)"/>, with the clock that bounds each probe.</summary>
    public static async Task<int> RunAsync(GatewayConfig config, TextWriter output, TimeProvider time, CancellationToken cancellationToken = default)
    {
        using var upstream = new UpstreamClient();
        var doctor = new BackendDoctor(new EndpointProbe(Protocols(time), upstream, time));
        var report = await doctor.ExamineAsync(config, cancellationToken);
        await DoctorReportWriter.WriteAsync(report, SecretSet.From(config), output, cancellationToken);
        return report.ExitCode;
    }

    /// <summary>The protocols that reach a real endpoint (the mock is reported without any request).</summary>
    private static BackendProtocols Protocols(TimeProvider time) => new(
    [
        new OllamaProtocol(time),
        new OpenAiCompatibleProtocol(time),
        new AnthropicProtocol(time),
        new AzureOpenAiProtocol(time),
    ]);
}
