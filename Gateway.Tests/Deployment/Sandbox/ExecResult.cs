namespace Gateway.Tests.Deployment.Sandbox;

/// <summary>How a command run inside a container ended: its exit code (none when it was killed for its timeout) and what it printed.</summary>
internal sealed record ExecResult(int? ExitCode, string Output, TimeSpan Elapsed)
{
    public bool TimedOut => ExitCode is null;

    public override string ToString() => TimedOut
        ? $"killed after {Elapsed.TotalSeconds:0.0} s; output: {Output}"
        : $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s; output: {Output}";
}
