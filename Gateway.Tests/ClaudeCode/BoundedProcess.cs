using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Gateway.Tests.ClaudeCode;

/// <summary>What a <see cref="BoundedProcess"/> run came to: the exit code (null when it was killed at its deadline) and both streams.</summary>
internal sealed record ProcessResult(int? ExitCode, string Output, string Error, TimeSpan Took)
{
    public bool TimedOut => ExitCode is null;

    /// <summary>The first line of stderr that says something, else of stdout, for a one-line reason.</summary>
    public string FirstLine() =>
        (Error + "\n" + Output).Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0) ?? "(nothing printed)";

    public override string ToString() =>
        $"exit {(TimedOut ? "none (killed at its deadline)" : ExitCode)} after {Took.TotalSeconds:0.0}s\nstdout: {Output}\nstderr: {Error}";
}

/// <summary>
/// Runs a program to its end or to a deadline, whichever comes first, with its stdin closed and both streams read; whatever is still
/// running when the run ends (the process and every child it started) is killed.
/// </summary>
internal static class BoundedProcess
{
    private static readonly TimeSpan StreamGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs <paramref name="program"/>; <paramref name="environment"/> entries are set (a null value removes the variable) on top of
    /// this process's environment. A program that cannot be started is reported as <see cref="Win32Exception"/>.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new Win32Exception($"{program} did not start");
        try
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Kill(process);
                await process.WaitForExitAsync(CancellationToken.None);
                return new ProcessResult(null, await Read(output), await Read(error), clock.Elapsed);
            }

            return new ProcessResult(process.ExitCode, await Read(output), await Read(error), clock.Elapsed);
        }
        finally
        {
            Kill(process);
        }
    }

    /// <summary>What a stream printed, given a moment to end: a child left running may hold it open after the process exits.</summary>
    private static async Task<string> Read(Task<string> stream)
    {
        try
        {
            return await stream.WaitAsync(StreamGrace);
        }
        catch (TimeoutException)
        {
            return "(the stream was still open after the process ended)";
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It has already exited.
        }
    }
}
