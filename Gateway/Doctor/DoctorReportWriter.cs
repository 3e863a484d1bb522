using System.Text;
using Gateway.Redaction;

namespace Gateway.Doctor;

/// <summary>
/// Prints the report as aligned columns (status, backend, endpoint, finding) between a heading and a summary. Every line goes
/// through <see cref="SecretSet.Redact"/>, so no key or URL password of the config is ever printed, even inside an upstream's words.
/// </summary>
internal static class DoctorReportWriter
{
    public static async Task WriteAsync(DoctorReport report, SecretSet secrets, TextWriter output, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.AppendLine($"Checking {report.SourcePath}: {Count(report.Backends, "backend")}, {Count(report.Endpoints, "endpoint")} probed");

        var backendWidth = report.Findings.Select(f => f.Backend.Length).DefaultIfEmpty(0).Max();
        var whereWidth = report.Findings.Select(f => f.Where.Length).DefaultIfEmpty(0).Max();
        foreach (var finding in report.Findings)
        {
            var line = $"{Label(finding.Status),-4}  {finding.Backend.PadRight(backendWidth)}  {finding.Where.PadRight(whereWidth)}  {finding.Message}";
            text.AppendLine(secrets.Redact(line));
        }

        text.AppendLine(Summary(report));
        await output.WriteAsync(text, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private static string Summary(DoctorReport report)
    {
        var notes = report.Notes == 0 ? "" : $" ({Count(report.Notes, "note")} on what could not be checked)";
        return report.Problems == 0
            ? (report.Checks == 1 ? $"The one check passed{notes}." : $"All {report.Checks} checks passed{notes}.")
            : $"{Count(report.Problems, "problem")} found in {Count(report.Checks, "check")}{notes}: fix the FAIL lines above and run doctor again.";
    }

    private static string Label(FindingStatus status) => status switch
    {
        FindingStatus.Ok => "ok",
        FindingStatus.Fail => "FAIL",
        _ => "note",
    };

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
