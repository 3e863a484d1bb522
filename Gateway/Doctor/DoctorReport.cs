namespace Gateway.Doctor;

/// <summary>Everything one doctor run found, in print order, with the counts its summary and exit code come from.</summary>
internal sealed record DoctorReport(string SourcePath, int Backends, int Endpoints, IReadOnlyList<Finding> Findings)
{
    /// <summary>Lines that are checks (ok or FAIL); notes are not.</summary>
    public int Checks => Findings.Count(f => f.Status != FindingStatus.Note);

    public int Problems => Findings.Count(f => f.Status == FindingStatus.Fail);

    public int Notes => Findings.Count(f => f.Status == FindingStatus.Note);

    /// <summary>The process exit code: 0 only when every check passed.</summary>
    public int ExitCode => Problems == 0 ? 0 : 1;
}
